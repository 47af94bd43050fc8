namespace Datapunk.Lake.Tables;

/// <summary>An uploaded file larger than <see cref="UserTablesOptions.MaxFileBytes"/>.</summary>
public sealed class TableTooLargeException(long maxBytes)
    : Exception($"The file is larger than the {TableValues.Count(maxBytes)} bytes a table upload may be (setting Tables:MaxFileBytes).");
