namespace Datapunk.Lake.Reading;

/// <summary>A checked records query: kinds as stored, the trimmed text, the position after the previous page.</summary>
internal sealed record ParsedRecordsQuery(short[] Kinds, string? Text, PageCursor? After);
