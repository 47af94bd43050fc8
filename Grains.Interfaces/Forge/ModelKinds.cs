namespace Datapunk.Grains;

/// <summary>
/// The kinds of per-user models Forge trains (docs/forge.md), by the names the API, the CLI and the
/// registry use. The embedding index of semantic search is Cortex's and is not listed here.
/// </summary>
public static class ModelKinds
{
    /// <summary>Significant places: stays clustered into places with names, visits and dwell.</summary>
    public const string Places = "places";

    /// <summary>Home, work and weekly routines, from the places' dwell by hour of the week.</summary>
    public const string Routines = "routines";

    /// <summary>Unusual days, flagged against the user's own rolling baseline with the reasons.</summary>
    public const string Anomalies = "anomalies";

    public static IReadOnlyList<string> All { get; } = [Places, Routines, Anomalies];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind);

    /// <summary>What a caller is told when it names a kind that is not one.</summary>
    public static string Unknown(string? kind) => $"'{kind}' is not a model kind; the kinds are {string.Join(", ", All)}.";
}
