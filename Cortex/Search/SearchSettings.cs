namespace Datapunk.Cortex.Search;

/// <summary>
/// How the three kinds of search are fused (configuration section <c>Cortex:Search</c>). The ranking is
/// reciprocal rank fusion: a record's score is the sum over the methods that found it of
/// weight / (<see cref="RankConstant"/> + its rank in that method's list).
/// </summary>
public sealed class SearchSettings
{
    public const string Section = "Cortex:Search";

    /// <summary>RRF's k: larger values flatten the difference between the first ranks of a list.</summary>
    public int RankConstant { get; set; } = 60;

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
    public int FullTextPool { get; set; } = 1_000;

    public double FullTextWeight { get; set; } = 1.0;

    public double FuzzyWeight { get; set; } = 1.0;

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
}
