namespace Datapunk.Streams.Polling;

/// <summary>The archives cannot be imported yet (another import of the user runs); the poll that handed them over tries again.</summary>
public sealed class ArchiveImportDeferredException(string message, Exception? innerException = null) : Exception(message, innerException);
