namespace Datapunk.Lake.Storage;

/// <summary>
/// A newer run of the same import started (on another silo, after this one was thought dead):
/// this run must stop writing. Raised by the fence every merge and file transaction checks.
/// </summary>
public sealed class ImportRunSupersededException : Exception
{
    public ImportRunSupersededException() { }

    public ImportRunSupersededException(string message) : base(message) { }

    public ImportRunSupersededException(string message, Exception inner) : base(message, inner) { }
}
