namespace Datapunk.Grains;

/// <summary>
/// A deletion that would lose more than was asked for, or cannot run now: files that hold the same
/// records have no kept original to restore them from (and the loss was not accepted), the import is
/// a connection's or a live source's, or an import is running. The message says which and what to do.
/// </summary>
[GenerateSerializer, Alias("import-deletion-refused-exception")]
public sealed class ImportDeletionRefusedException : Exception
{
    public ImportDeletionRefusedException() { }

    public ImportDeletionRefusedException(string message) : base(message) { }

    public ImportDeletionRefusedException(string message, Exception inner) : base(message, inner) { }
}
