namespace Datapunk.Grains;

/// <summary>
/// An import was asked to read something it may not: an unfinished upload, a path outside the
/// server-side folders the operator allowed, or any path when none are. The message names it.
/// </summary>
[GenerateSerializer, Alias("import-input-refused-exception")]
public sealed class ImportInputRefusedException : Exception
{
    public ImportInputRefusedException() { }

    public ImportInputRefusedException(string message) : base(message) { }

    public ImportInputRefusedException(string message, Exception inner) : base(message, inner) { }
}
