namespace Datapunk.Lake.Reading;

/// <summary>Record kinds by the names the API and the database use (<c>place_visits</c>).</summary>
public static class RecordKindNames
{
    private static readonly Dictionary<string, RecordKind> ByName = RecordKinds.All.ToDictionary(kind => kind.ToName(), StringComparer.Ordinal);

    /// <summary>The kinds stored in <c>user_data.records</c>: every kind but location fixes, which live in their own table.</summary>
    public static IReadOnlyList<RecordKind> Records { get; } = [.. RecordKinds.All.Where(kind => kind != RecordKind.LocationPoint)];

    public static bool TryParse(string name, out RecordKind kind) => ByName.TryGetValue(name, out kind);

    /// <summary>The record kinds a query names, or an error for each name that is not one.</summary>
    public static IReadOnlyList<RecordKind> ParseRecordKinds(IReadOnlyList<string> names, QueryErrors errors)
    {
        var kinds = new List<RecordKind>();
        foreach (var name in names)
        {
            if (!TryParse(name, out var kind))
            {
                errors.Add("kind", $"'{name}' is not a record kind; the kinds are {string.Join(", ", Records.Select(known => known.ToName()))}.");
            }
            else if (kind == RecordKind.LocationPoint)
            {
                errors.Add("kind", "Location fixes are not listed as records: GET /api/v1/map/points returns them for a box and range.");
            }
            else
            {
                kinds.Add(kind);
            }
        }

        return kinds;
    }
}
