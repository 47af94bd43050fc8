using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Datapunk.Testing.Providers;

/// <summary>
/// A local server speaking the parts of Google's documented Data Portability API v1 that Datapunk uses, with
/// Google's OAuth server (<see cref="FakeGoogleOAuth"/>): <c>POST v1/portabilityArchive:initiate</c> (its
/// request kept in <see cref="Initiated"/>), <c>GET v1/archiveJobs/{id}/portabilityArchiveState</c>
/// (IN_PROGRESS for <see cref="FakeDataPortabilityAccount.PollsUntilComplete"/> asks, then COMPLETE with a
/// signed link per archive, or FAILED for the account's planned failures), <c>POST v1/archiveJobs/{id}:retry</c>
/// (a new job, only of a failed one), and the signed links themselves under <c>/storage/</c>: no token, the
/// archive's bytes with <c>Range</c> support, one download cut short on demand (<see cref="CutNextDownload"/>),
/// links that expire on demand (<see cref="ExpireLinks"/>).
/// </summary>
public sealed class FakeDataPortability : FakeGoogleApi<FakeDataPortabilityAccount>
{
    public const string Scopes = "https://www.googleapis.com/auth/dataportability.myactivity.search https://www.googleapis.com/auth/dataportability.chrome.history";

    private static readonly (int, string, string) NotFound = (404, "notFound", "The archive job was not found.");

    private readonly ConcurrentDictionary<string, FakeArchiveJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _archives = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _signatures = new(StringComparer.Ordinal);
    private long _cutAt = -1;

    private FakeDataPortability()
        : base("dataportability", "v1/", Scopes)
    {
    }

    /// <summary>The bodies of the initiate requests, in order.</summary>
    public ConcurrentQueue<JsonObject> Initiated { get; } = new();

    /// <summary>The <c>Range</c> header of every archive download (empty for none), in order.</summary>
    public ConcurrentQueue<string> Downloads { get; } = new();

    public static async Task<FakeDataPortability> StartAsync()
    {
        var fake = new FakeDataPortability();
        await fake.StartAsync(app =>
        {
            app.MapPost("/v1/{method}", async context =>
            {
                var body = await Body(context);
                await fake.ApiAsync(context, account => context.Request.RouteValues["method"] as string == "portabilityArchive:initiate" ? fake.Initiate(account, body) : null, NotFound);
            });
            app.MapGet("/v1/archiveJobs/{job}/portabilityArchiveState", context => fake.ApiAsync(context, account => fake.State(account, context), NotFound));
            app.MapPost("/v1/archiveJobs/{job}", context => fake.ApiAsync(context, account => fake.Retry(account, context), NotFound));
            app.MapGet("/storage/{name}", fake.DownloadAsync);
        });
        return fake;
    }

    public FakeDataPortabilityAccount AddAccount(string email) => Accounts.GetOrAdd(email, _ => new FakeDataPortabilityAccount(email));

    /// <summary>Every signed link handed out so far answers 403 (Cloud Storage's ExpiredToken); asking a job's state gives new ones.</summary>
    public void ExpireLinks() => _signatures.Clear();

    /// <summary>The next archive download ends after <paramref name="bytes"/> bytes of its body (the connection is cut).</summary>
    public void CutNextDownload(long bytes) => Interlocked.Exchange(ref _cutAt, bytes);

    private JsonObject Initiate(FakeDataPortabilityAccount account, JsonObject body)
    {
        Initiated.Enqueue(body);
        var job = new FakeArchiveJob(account.Email, Id(), account.TakeArchives(), account.PollsUntilComplete, account.TakeFailure(), Time(body["startTime"]), Time(body["endTime"]));
        _jobs[job.Id] = job;
        return new JsonObject { ["archiveJobId"] = job.Id, ["accessType"] = account.AccessType };
    }

    private JsonObject? State(FakeDataPortabilityAccount account, HttpContext context)
    {
        if (!_jobs.TryGetValue(context.Request.RouteValues["job"] as string ?? "", out var job) || job.Account != account.Email)
        {
            return null;
        }

        var name = $"archiveJobs/{job.Id}/portabilityArchiveState";
        if (Interlocked.Decrement(ref job.PollsLeft) >= 0)
        {
            return new JsonObject { ["state"] = "IN_PROGRESS", ["name"] = name };
        }

        if (job.Fails)
        {
            return new JsonObject { ["state"] = "FAILED", ["name"] = name };
        }

        var urls = new JsonArray();
        var signature = Id();
        _signatures[signature] = true;
        for (var i = 0; i < job.Archives.Count; i++)
        {
            var file = $"{job.Id}-{i + 1}.zip";
            _archives[file] = job.Archives[i];
            urls.Add(new Uri(Address, $"storage/{file}?X-Goog-Signature={signature}").ToString());
        }

        var state = new JsonObject { ["state"] = "COMPLETE", ["name"] = name, ["urls"] = urls, ["exportTime"] = Text(job.EndTime ?? job.Created) };
        if (job.StartTime is { } start)
        {
            state["startTime"] = Text(start);
        }

        return state;
    }

    private JsonObject? Retry(FakeDataPortabilityAccount account, HttpContext context)
    {
        var path = context.Request.RouteValues["job"] as string ?? "";
        if (!path.EndsWith(":retry", StringComparison.Ordinal) || !_jobs.TryGetValue(path[..^":retry".Length], out var failed)
            || failed.Account != account.Email || !failed.Fails)
        {
            return null;
        }

        var job = failed with { Id = Id(), Fails = account.TakeFailure(), PollsLeft = account.PollsUntilComplete };
        _jobs[job.Id] = job;
        return new JsonObject { ["archiveJobId"] = job.Id };
    }

    private async Task DownloadAsync(HttpContext context)
    {
        var range = context.Request.Headers.Range.ToString();
        Downloads.Enqueue(range);
        if (!_archives.TryGetValue(context.Request.RouteValues["name"] as string ?? "", out var archive))
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (!_signatures.ContainsKey(context.Request.Query["X-Goog-Signature"].ToString()))
        {
            context.Response.StatusCode = 403;
            await context.Response.WriteAsync("<?xml version='1.0' encoding='UTF-8'?><Error><Code>ExpiredToken</Code><Message>Invalid argument.</Message></Error>");
            return;
        }

        var from = range.StartsWith("bytes=", StringComparison.Ordinal) ? long.Parse(range["bytes=".Length..].TrimEnd('-'), CultureInfo.InvariantCulture) : 0;
        context.Response.ContentType = "application/zip";
        context.Response.ContentLength = archive.Length - from;
        if (from > 0)
        {
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {from}-{archive.Length - 1}/{archive.Length}";
        }

        var cut = Interlocked.Exchange(ref _cutAt, -1);
        var end = cut >= 0 ? Math.Min(archive.Length, from + cut) : archive.Length;
        await context.Response.Body.WriteAsync(archive.AsMemory((int)from, (int)(end - from)));
        if (end < archive.Length)
        {
            await context.Response.Body.FlushAsync();
            // A flush hands the bytes to the transport, which an abort would drop: the cut comes once they are on the wire.
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            context.Abort();
        }
    }

    private static async Task<JsonObject> Body(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? throw new BadHttpRequestException("the body is not a JSON object");
    }

    private static string Id() => Guid.NewGuid().ToString("N")[..16];

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : null;

    private static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private sealed record FakeArchiveJob(string Account, string Id, IReadOnlyList<byte[]> Archives, int Polls, bool Fails, DateTimeOffset? StartTime, DateTimeOffset? EndTime)
    {
        public int PollsLeft = Polls;

        public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;
    }
}
