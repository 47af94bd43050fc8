namespace Datapunk.Cortex.Search;

/// <summary>
/// How the three kinds of search are fused (configuration section <c>Cortex:Search</c>). The ranking is
/// reciprocal rank fusion: a record's score is the sum over the methods that found it of
/// weight / (<see cref="RankConstant"/> + its rank in that method's list).
/// </summary>
public sealed class SearchSettings
{
    public const string Section = "Cortex:Search";

    /// <summary>
    /// RRF's k: larger values flatten the difference between the first ranks of a list. On the evaluation
    /// (docs/cortex.md, "Fusion") hybrid nDCG@10 / recall@10 were 0.770 / 0.677 at k 5, 0.786 / 0.659 at 10,
    /// 0.786 / 0.646 at 20, 0.783 / 0.622 at the literature's 60 and 0.779 / 0.613 at 120: a method's own
    /// first results matter more than a long tail that several methods share.
    /// </summary>
    public int RankConstant { get; set; } = 10;

    /// <summary>
    /// How deep each method's list goes. The fused ranking is computed over these lists whatever the
    /// page, so that a score does not change from one page to the next (keyset pagination stays exact);
    /// a search therefore returns at most three times this many records.
    /// </summary>
    public int CandidateDepth { get; set; } = 200;

    /// <summary>
    /// Full-text and fuzzy matches ranked: the most recent this many, by how well their title matches, then by time.
    /// Ranking a match by its body would parse the body again (the index holds no positions to rank by),
    /// which made a common word in 100,000 records take seconds; titles are short.
    /// </summary>
    public int FullTextPool { get; set; } = 200;

    /// <summary>
    /// Full-text and fuzzy matches are first looked for among the user's this many newest records
    /// passing the filters (TextListsSql.NewestMatches): a few milliseconds of each list at 10 M records.
    /// </summary>
    public int RecentRecords { get; set; } = 2_000;

    /// <summary>
    /// Fewer matches than this among the <see cref="RecentRecords"/> (0.2 % of them) make the words rare
    /// enough to take every match from the text index; at least this many and fewer than
    /// <see cref="FullTextPool"/>, the newest records are read on, up to <see cref="RecentReach"/>.
    /// 0.2 % balances the two ways' worst cases at 10 M records: reading up to 100,000 records newest
    /// first, or sorting up to 20,000 matches.
    /// </summary>
    public int RecentMinimum { get; set; } = 4;

    /// <summary>
    /// How far the newest records are read for words that are neither common nor rare among the newest
    /// <see cref="RecentRecords"/>: enough for <see cref="FullTextPool"/> matches at 0.2 %. Words rarer
    /// further back give fewer matches than the pool, the newest of them.
    /// </summary>
    public int RecentReach { get; set; } = 100_000;

    /// <summary>
    /// A search with a radius reads the user's records within it (through the position index) when there
    /// are fewer than this many, and tests each for the words; with more (a radius around one's home),
    /// PostgreSQL chooses how to find the newest matches.
    /// </summary>
    public int NearRecords { get; set; } = 25_000;

    public double FullTextWeight { get; set; } = 1.0;

    /// <summary>
    /// Fuzzy matches count half: they match titles holding any of the query's words, which helps a typo
    /// and adds noise to a description. On the evaluation (docs/evaluation.md) hybrid nDCG@10 was 0.774
    /// with weight 1 and 0.783 with 0.5 (descriptions 0.444 -> 0.513, typos 0.874 -> 0.786).
    /// </summary>
    public double FuzzyWeight { get; set; } = 0.5;

    public double SemanticWeight { get; set; } = 1.0;

    /// <summary>
    /// pg_trgm's similarity (0-1) a word of the user's vocabulary must reach with a query word to be
    /// taken as a spelling of it, before the edit distance decides. Low, because a short word with two
    /// letters swapped shares few trigrams: "musuem" and "museum" reach 0.27.
    /// </summary>
    public double FuzzyThreshold { get; set; } = 0.2;

    /// <summary>How many spellings of each query word fuzzy matching looks for, nearest first.</summary>
    public int FuzzySpellingsPerWord { get; set; } = 5;

    /// <summary>The cosine similarity a record's vector must reach to match semantically: below it, the nearest records are noise.</summary>
    public double MinSemanticSimilarity { get; set; } = 0.3;

    /// <summary>
    /// A search filtered by time or source ranks the records of this many nearest texts that pass the
    /// filters (a year of ten: about a tenth of them)...
    /// </summary>
    public int FilteredSemanticTexts { get; set; } = 600;

    /// <summary>
    /// ...unless fewer than this many of their records pass (a narrow filter): then it ranks every vector
    /// passing the filters, read by time (a day or a month holds few).
    /// </summary>
    public int FilteredSemanticMinimum { get; set; } = 20;
}
