namespace Datapunk.Forge.Registry;

/// <summary>The tables holding each kind's outputs, by version: what pruning deletes from.</summary>
internal static class ModelOutputs
{
    /// <summary>Versions whose outputs are kept, newest first, besides the promoted one; older ones keep only their registry row.</summary>
    public const int KeptVersions = 10;

    public static IReadOnlyList<string> Tables(string kind) => kind switch
    {
        ModelKinds.Places => ["analytics.places", "analytics.place_stays"],
        ModelKinds.Routines => ["analytics.routines"],
        ModelKinds.Anomalies => ["analytics.day_features"],
        _ => throw new ArgumentException(ModelKinds.Unknown(kind), nameof(kind)),
    };
}
