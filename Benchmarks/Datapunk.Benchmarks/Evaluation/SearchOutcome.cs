namespace Datapunk.Benchmarks.Evaluation;

/// <summary>
/// How one method (or the fused hybrid) did on one query: the titles of its first ten results, scored
/// as docs/evaluation.md defines. nDCG@10 judges each record (relevant when its title holds one of the
/// query's items; the ideal ranking has min(relevant records, 10) relevant results first); recall@10 is
/// the share of the query's distinct items that any of the ten results stands for (out of at most ten).
/// </summary>
internal sealed record SearchOutcome(SearchCase Case, string Method, IReadOnlyList<string?> Titles, double Milliseconds, string? Error)
{
    public const int Depth = 10;

    public double Ndcg
    {
        get
        {
            var ideal = Enumerable.Range(0, Math.Min(Case.RelevantRecords, Depth)).Sum(Discount);
            var gained = Titles.Take(Depth).Select((title, rank) => Case.ItemOf(title) is null ? 0 : Discount(rank)).Sum();
            return ideal == 0 ? 0 : gained / ideal;
        }
    }

    public double Recall =>
        Titles.Take(Depth).Select(Case.ItemOf).OfType<string>().Distinct().Count() / (double)Math.Min(Case.Relevant.Count, Depth);

    private static double Discount(int rank) => 1 / Math.Log2(rank + 2);
}
