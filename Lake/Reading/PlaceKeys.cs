namespace Datapunk.Lake.Reading;

/// <summary>
/// What makes two place visits one place, in SQL over <c>user_data.records</c> aliased <c>r</c>:
/// the place id the export gave (semantic history's placeVisit.location.placeId, the on-device
/// exports' visit.topCandidate.placeId or placeID, as the readers store them), otherwise the name
/// and the position rounded to 4 decimals (about 10 m).
/// </summary>
internal static class PlaceKeys
{
    public const string PlaceId = """
        coalesce(r.source #>> '{placeVisit,location,placeId}', r.source #>> '{visit,topCandidate,placeId}', r.source #>> '{visit,topCandidate,placeID}')
        """;

    public const string Key = $"""
        coalesce('id:' || {PlaceId},
                 'at:' || coalesce(r.title, '') || '@' || round(ST_Y(r.position::geometry)::numeric, 4) || ',' || round(ST_X(r.position::geometry)::numeric, 4))
        """;
}
