using System.Net.Http.Headers;
using System.Text.Json;

namespace Datapunk.Silo.Tests.Ingest;

/// <summary>
/// <c>GET /api/v1/records/arrivals</c> as a browser follows it: opened with the user's token, ready once
/// its 'ready' event came (the silo has subscribed), then read event by event.
/// </summary>
internal sealed class ArrivalsStream : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private Task<string?>? _pendingLine;

    private ArrivalsStream(HttpClient http, HttpResponseMessage response, StreamReader reader) => (_http, _response, _reader) = (http, response, reader);

    public static async Task<ArrivalsStream> OpenAsync(Uri gateway, string token, CancellationToken cancellationToken)
    {
        var http = new HttpClient { BaseAddress = gateway, Timeout = Timeout.InfiniteTimeSpan };
        var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/records/arrivals");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/event-stream");
        var stream = new ArrivalsStream(http, response, new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken)));
        (await stream.NextAsync("ready", TimeSpan.FromSeconds(15), cancellationToken)).ShouldNotBeNull("the stream says when it listens");
        return stream;
    }

    /// <summary>The data of the next 'records' event, or null when none came within <paramref name="wait"/>.</summary>
    public async Task<JsonElement?> NextRecordsAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        await NextAsync("records", wait, cancellationToken) is { } data ? JsonDocument.Parse(data).RootElement.Clone() : null;

    private async Task<string?> NextAsync(string wanted, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait;
        string? eventName = null;
        while (DateTime.UtcNow < deadline)
        {
            // A line read that outlives one wait is carried over to the next, so no line is lost.
            _pendingLine ??= _reader.ReadLineAsync(cancellationToken).AsTask();
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(_pendingLine, Task.Delay(left, cancellationToken)) != _pendingLine)
            {
                return null;
            }

            var line = await _pendingLine;
            _pendingLine = null;
            if (line is null)
            {
                return null;
            }

            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventName = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal) && eventName == wanted)
            {
                return line["data:".Length..].Trim();
            }
        }

        return null;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
