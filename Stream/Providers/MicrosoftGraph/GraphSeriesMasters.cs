using System.Net;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Calendar;

namespace Datapunk.Streams.Providers.MicrosoftGraph;

/// <summary>
/// The masters of the recurring series a poll meets. A calendar view gives a series as its occurrences
/// and exceptions, never its master; the .ics import has the master (with its rule) and the exceptions,
/// not the occurrences. So each series' master is read once a poll (<c>GET me/events/{seriesMasterId}</c>)
/// and becomes the series' record; its iCalUId is the UID its exceptions' identities are made of. A
/// master gone meanwhile (404) is no record, and neither are its occurrences and exceptions.
/// </summary>
internal sealed class GraphSeriesMasters(ProviderClient client, TimeZoneResolver zones)
{
    private readonly Dictionary<string, (string Uid, PersonalRecord Record)?> _read = new(StringComparer.Ordinal);

    /// <summary>The master's UID and record, read on the first ask of the poll; null when the series is gone.</summary>
    public async Task<(string Uid, PersonalRecord Record)?> FindAsync(string seriesMasterId, CancellationToken cancellationToken)
    {
        if (_read.TryGetValue(seriesMasterId, out var known))
        {
            return known;
        }

        var request = $"me/events/{Uri.EscapeDataString(seriesMasterId)}";
        JsonNode body;
        try
        {
            body = await client.GetJsonAsync(request, cancellationToken);
        }
        catch (ProviderResponseException gone) when (gone.Status == HttpStatusCode.NotFound)
        {
            _read[seriesMasterId] = null;
            return null;
        }

        var where = $"the series master '{seriesMasterId}' (GET {client.Resolve(request).PathAndQuery})";
        var master = body as JsonObject ?? throw new ProviderResponseException($"Microsoft Graph's answer for {where} is not a JSON object.");
        var uid = GraphCalendarView.Uid(master, where);
        var found = (uid, GraphEvent.Record(master, uid, null, zones, where));
        _read[seriesMasterId] = found;
        return found;
    }
}
