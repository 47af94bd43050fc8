namespace Datapunk.Lake.Tables;

/// <summary>A correction of the inferred columns that cannot apply; the message says why, for the user.</summary>
public sealed class TableColumnChangeException(string message) : Exception(message);
