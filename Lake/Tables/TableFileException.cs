namespace Datapunk.Lake.Tables;

/// <summary>An uploaded file that cannot become a table (unreadable, empty, a bad value); the message says where, for the user.</summary>
public class TableFileException(string message, Exception? inner = null) : Exception(message, inner);
