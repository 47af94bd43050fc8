namespace Datapunk.Streams.Providers.GoogleCalendar;

/// <summary>
/// The calendars whose events the account may read: <c>GET users/me/calendarList?minAccessRole=reader</c>,
/// following <c>nextPageToken</c> (a calendar it sees only as free/busy is left out: its events have no
/// details). Read whole on every poll: it is a request or two, and which calendars are listed decides
/// what the cursor keeps.
/// </summary>
internal static class GoogleCalendarList
{
    private const string Request = "users/me/calendarList?minAccessRole=reader&maxResults=250";

    public static async Task<IReadOnlyList<GoogleCalendar>> ReadAsync(ProviderClient client, CancellationToken cancellationToken)
    {
        var calendars = new List<GoogleCalendar>();
        string? pageToken = null;
        do
        {
            var request = pageToken is null ? Request : $"{Request}&pageToken={Uri.EscapeDataString(pageToken)}";
            var body = await client.GetJsonAsync(request, cancellationToken);
            foreach (var entry in ProviderJson.Objects(body, "items", GoogleCalendarProvider.ProviderTitle, "GET " + request))
            {
                var id = ProviderJson.Text(entry["id"]) is { Length: > 0 } listed
                    ? listed
                    : throw new ProviderResponseException($"A calendar of GET {request} has no id.");
                calendars.Add(new GoogleCalendar(id, ProviderJson.Text(entry["summary"]), ProviderJson.Text(entry["timeZone"])));
            }

            pageToken = ProviderJson.Text(body["nextPageToken"]);
        }
        while (pageToken is not null);

        return calendars;
    }
}
