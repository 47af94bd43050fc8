namespace Datapunk.Lake.Catalog;

/// <summary>The eight quality dimensions, in the order the catalog shows them (docs/catalog.md, "Quality").</summary>
public static class QualityDimensions
{
    public const string Completeness = "completeness";
    public const string Validity = "validity";
    public const string Accuracy = "accuracy";
    public const string Consistency = "consistency";
    public const string Timeliness = "timeliness";
    public const string Uniqueness = "uniqueness";
    public const string Integrity = "integrity";
    public const string Conformity = "conformity";

    public static IReadOnlyList<string> All { get; } =
        [Completeness, Validity, Accuracy, Consistency, Timeliness, Uniqueness, Integrity, Conformity];
}
