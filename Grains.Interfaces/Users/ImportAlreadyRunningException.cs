namespace Datapunk.Grains;

/// <summary>
/// The user already has an import running. One import per user runs at a time: imports of the
/// same person's data overlap, and each is matched against everything stored before it.
/// </summary>
[GenerateSerializer, Alias("import-already-running-exception")]
public sealed class ImportAlreadyRunningException : Exception
{
    public ImportAlreadyRunningException() { }

    public ImportAlreadyRunningException(string message) : base(message) { }

    public ImportAlreadyRunningException(string message, Exception inner) : base(message, inner) { }
}
