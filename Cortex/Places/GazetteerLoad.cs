namespace Datapunk.Cortex.Places;

/// <summary>What loading the gazetteer did: <paramref name="Loaded"/> false when the database held that file already.</summary>
public sealed record GazetteerLoad(bool Loaded, int Places, TimeSpan Elapsed);
