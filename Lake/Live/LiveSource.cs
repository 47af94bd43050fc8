namespace Datapunk.Lake.Live;

/// <summary>
/// A protocol phones post fixes with: its name as each batch's <c>imports.files.source</c> and the
/// format id its fixes are matched by (<see cref="Model.MatchRules.Between"/>: <c>owntracks.http</c> and
/// a recorder's <c>owntracks.recorder</c> are one source in two formats).
/// </summary>
public sealed record LiveSource(string Name, string FormatId)
{
    public static LiveSource OwnTracks { get; } = new("owntracks-http", "owntracks.http");

    public static LiveSource Overland { get; } = new("overland", "overland.http");
}
