namespace Datapunk.Lake.Catalog;

/// <summary>
/// How to read a sample of one dataset's rows: a <c>SELECT</c> (parameters <c>@user</c>, <c>@files</c>,
/// <c>@kind</c>, <c>@name</c>, <c>@last_at</c>, <c>@limit</c>) whose rows the columns read, and the jsonb column
/// whose keys are fields too (the records' <c>source</c>), if any.
/// </summary>
internal sealed record DatasetSample(string Select, IReadOnlyList<SampledColumn> Columns, string? JsonColumn = null);
