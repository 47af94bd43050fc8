namespace Datapunk.Lake.Pipeline;

/// <summary>
/// The import as a whole cannot go on: it exceeded its total expansion budget, or none of its
/// inputs could be read at all. It stops and is marked failed (running it again would end the same way).
/// </summary>
public sealed class ImportFailedException : Exception
{
    public ImportFailedException() { }

    public ImportFailedException(string message) : base(message) { }

    public ImportFailedException(string message, Exception inner) : base(message, inner) { }
}
