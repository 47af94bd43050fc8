namespace Datapunk.Benchmarks.Evaluation;

/// <summary>
/// One search query of the evaluation with its judgement: the items that answer it (each a title, a
/// search typed, an artist or a track, as it appears in the person's records), and how many of the
/// person's records are relevant (a record is when its title contains one of the items).
/// </summary>
/// <param name="Class">keyword, prefix, typo or meaning (a description that shares no word with what it should find).</param>
internal sealed record SearchCase(string Query, string Language, string Class, IReadOnlyList<string> Relevant, int RelevantRecords)
{
    /// <summary>The relevant item a result's title stands for, or null when the result is not relevant.</summary>
    public string? ItemOf(string? title) =>
        title is null ? null : Relevant.Where(item => title.Contains(item, StringComparison.OrdinalIgnoreCase)).MaxBy(item => item.Length);
}
