namespace Datapunk.Forge.Places;

/// <summary>The places' name sources as analytics.places.name_source stores them.</summary>
internal static class PlaceNameSources
{
    public const string Export = "export";
    public const string Gazetteer = "gazetteer";
    public const string User = "user";
    public const string None = "none";
}
