using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Datapunk.Lake.Uploads;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Providers.DataPortability;

/// <summary>
/// Google's Data Portability API (docs/sources.md): a poll starts an archive job for the connection's resource
/// groups, asks its state on later polls (retrying a failed job a few times), downloads the archives of a
/// complete job into the user's uploads across polls, and hands them to the Lake's import, the pipeline an
/// uploaded Takeout goes through. With time-based access it exports again a day after, from where the last
/// export ended when every resource takes a time filter. Each step is kept in the cursor before the next.
/// </summary>
public sealed class DataPortabilityProvider(UploadStore uploads, UploadWriter writer, TimeProvider time) : IStreamProvider
{
    public const string ProviderName = "dataportability";

    /// <summary>The lineage source of the connection's progress (its archives' records carry their import's lineage).</summary>
    internal const string Source = "google-data-portability";

    /// <summary>How often a failed archive job is retried (<c>archiveJobs/{id}:retry</c>) before the export is given up until the next one.</summary>
    internal const int MaxRetries = 3;

    /// <summary>Google starts one export per 24 hours for an authorization; a minute more keeps clear of its FAILED_PRECONDITION.</summary>
    internal static readonly TimeSpan ExportPeriod = TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1);

    /// <summary>How long one poll downloads before it keeps its progress and lets the next poll go on (within the poll's budget).</summary>
    internal static readonly TimeSpan DownloadSlice = TimeSpan.FromSeconds(15);

    private readonly PortabilityArchiveDownload _downloads = new(uploads, writer);

    public string Name => ProviderName;

    public string Title => "Google Data Portability";

    public string Description =>
        "My Activity (search, YouTube, Maps) and Chrome history as Google exports them: an archive job, then its archives imported like a Takeout; "
        + "daily exports of what is new with time-based access. Other Takeout products need their own scopes, or an uploaded Takeout.";

    public ProviderSettings Defaults { get; } = new()
    {
        AuthorizeEndpoint = new Uri("https://accounts.google.com/o/oauth2/v2/auth"),
        TokenEndpoint = new Uri("https://oauth2.googleapis.com/token"),
        ApiBase = new Uri("https://dataportability.googleapis.com/v1/"),
        Scopes = string.Join(' ',
            "https://www.googleapis.com/auth/dataportability.myactivity.search",
            "https://www.googleapis.com/auth/dataportability.myactivity.youtube",
            "https://www.googleapis.com/auth/dataportability.myactivity.maps",
            "https://www.googleapis.com/auth/dataportability.chrome.history"),
        AuthorizeParameters = new() { ["access_type"] = "offline", ["prompt"] = "consent" },
        // A poll costs nothing while no export is due; while a job runs it asks its state once.
        PollInterval = TimeSpan.FromMinutes(5),
        RequestsPerWindow = 100,
        ConnectionRequestsPerWindow = 10,
        QuotaWindow = TimeSpan.FromMinutes(1),
        // A signed archive link answers its headers within this; the body is read for DownloadSlice.
        RequestTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>
    /// The API says nothing of who the account is, so a user has one Data Portability connection: connecting
    /// again replaces its tokens.
    /// </summary>
    public Task<ProviderAccount> GetAccountAsync(ProviderClient client, CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderAccount("google", "Google account"));

    public async IAsyncEnumerable<PolledPage> PollAsync(ProviderClient client, JsonObject cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var current = DataPortabilityCursor.Of(cursor);
        if (current.Job is null)
        {
            if (await InitiateAsync(client, current, cancellationToken) is { } initiated)
            {
                yield return Progress(initiated);
            }

            yield break;
        }

        if (current.Job.Archives is null || current.Job.LinksRefused)
        {
            var (next, failure) = await FollowAsync(client, current, cancellationToken);
            if (next != current)
            {
                yield return Progress(next, continues: next.Job?.Archives is not null);
            }

            if (failure is not null)
            {
                throw failure;
            }

            current = next;
            if (current.Job?.Archives is null)
            {
                yield break;
            }
        }

        var job = current.Job;
        var count = job.Archives!.Count;
        for (var i = 0; i < count; i++)
        {
            // Each archive's upload is looked at again, downloaded or not: one lost before its import (expired,
            // removed) is downloaded again rather than handed over missing.
            var url = new Uri(job.Archives![i].Url);
            var left = DownloadSlice - started.Elapsed;
            var upload = await _downloads.FindAsync(client.Key.UserId, job.Archives[i], cancellationToken);
            long received = 0;
            ProviderResponseException? refused = null;
            try
            {
                if (upload is null)
                {
                    // A new upload (the first, or one that expired): kept in the cursor with its first slice. An upload a
                    // crash left unnamed there is never imported, and expires with the spool's unfinished uploads.
                    (upload, received) = await _downloads.StartAsync(client, url, $"dataportability-{job.Id}-{i + 1}.zip", left, cancellationToken);
                    job = WithArchive(job, i, job.Archives[i] with { UploadId = upload.UploadId });
                }
                else
                {
                    received = upload.IsComplete || left <= TimeSpan.Zero ? upload.Received : await _downloads.ContinueAsync(client, url, upload, left, cancellationToken);
                }
            }
            catch (ProviderResponseException exception) when (exception.Status is { } status && (int)status is >= 400 and < 500)
            {
                refused = exception;
            }

            if (refused is not null || upload is null)
            {
                // Signed links expire: the job's state gives new ones for the same archives, and the bytes kept stay.
                current = current with { Job = job with { LinksRefused = true }, Activity = $"The link of archive {i + 1} of {count} was refused; asking Google for new links" };
                yield return Progress(current, continues: true);
                throw refused ?? new ProviderResponseException("The archive's download gave no upload.");
            }

            if (received < upload.Length)
            {
                current = current with { Job = job, Activity = $"Downloading archive {i + 1} of {count}: {Megabytes(received)} of {Megabytes(upload.Length)} MB" };
                yield return Progress(current, continues: true);
                if (started.Elapsed < DownloadSlice)
                {
                    throw new ProviderUnavailableException($"The download of archive {i + 1} of job {job.Id} was cut at {received} of {upload.Length} bytes; the next poll resumes it.");
                }

                yield break;
            }

            if (!job.Archives![i].Downloaded || job.Archives[i].UploadId != upload.UploadId)
            {
                job = WithArchive(job, i, job.Archives[i] with { UploadId = upload.UploadId, Downloaded = true });
                current = current with { Job = job, Activity = $"Downloaded archive {i + 1} of {count}" };
                yield return Progress(current, continues: true);
            }
        }

        yield return Imported(current, job);
    }

    /// <summary>Starts the export that is due, or null when none is (the next one's day has not come, or one-time access was used).</summary>
    private async Task<DataPortabilityCursor?> InitiateAsync(ProviderClient client, DataPortabilityCursor current, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (current.OneTimeUsed || current.NextExportAt is { } due && due > now)
        {
            return null;
        }

        var resources = DataPortabilityResources.Of(client.Scopes);
        if (resources.Count == 0)
        {
            throw new ProviderResponseException($"The connection's scopes name no Data Portability resource group ({client.Scopes}).");
        }

        // Google filters My Activity and Chrome history by time; a resource it does not filter would
        // refuse startTime, so such an export reads everything again (and stores only what is new).
        var since = resources.All(DataPortabilityResources.IsTimeFiltered) ? current.LastExportTime : null;
        var request = new JsonObject { ["resources"] = new JsonArray([.. resources.Select(resource => JsonValue.Create(resource))]) };
        if (since is { } start)
        {
            request["startTime"] = Timestamp(start);
        }

        // "./": a first segment with a colon would read as a URI scheme.
        var answer = await client.PostJsonAsync("./portabilityArchive:initiate", request, cancellationToken);
        var jobId = ProviderJson.Text(answer["archiveJobId"])
            ?? throw new ProviderResponseException($"Google's answer to portabilityArchive:initiate names no archiveJobId: {answer.ToJsonString()}");
        var job = new PortabilityJob(jobId, now, since, 0) { AccessType = ProviderJson.Text(answer["accessType"]) };
        var from = since is { } filtered ? $" (what is new since {Shown(filtered)})" : "";
        return current with { Job = job, Activity = $"Archive job running since {Shown(now)}{from}" };
    }

    /// <summary>Asks the running job's state: the cursor it leaves (complete with its archives, or retried) and the failure to report, if any.</summary>
    private async Task<(DataPortabilityCursor Next, Exception? Failure)> FollowAsync(ProviderClient client, DataPortabilityCursor current, CancellationToken cancellationToken)
    {
        var job = current.Job!;
        var request = $"archiveJobs/{Uri.EscapeDataString(job.Id)}/portabilityArchiveState";
        var state = await client.GetJsonAsync(request, cancellationToken);
        switch (ProviderJson.Text(state["state"]))
        {
            case "COMPLETE":
                return (current with
                {
                    Job = job with
                    {
                        Archives = Linked(job.Archives, Urls(state, request)),
                        LinksRefused = false,
                        ExportTime = Time(state["exportTime"]) ?? job.InitiatedAt,
                        ImportId = job.ImportId ?? Guid.NewGuid(),
                    },
                    Activity = $"Archive job complete: downloading {Urls(state, request).Count} archives",
                }, null);
            case "FAILED" when job.Retries < MaxRetries:
                var retried = await client.PostJsonAsync($"archiveJobs/{Uri.EscapeDataString(job.Id)}:retry", new JsonObject(), cancellationToken);
                var retryId = ProviderJson.Text(retried["archiveJobId"])
                    ?? throw new ProviderResponseException($"Google's answer to {job.Id}:retry names no archiveJobId: {retried.ToJsonString()}");
                return (current with
                {
                    Job = job with { Id = retryId, Retries = job.Retries + 1 },
                    Activity = $"Archive job failed at Google; retried ({job.Retries + 1} of {MaxRetries}), running since {Shown(time.GetUtcNow())}",
                }, null);
            case "FAILED" or "CANCELLED":
                var why = $"Google's archive job {job.Id} ended {ProviderJson.Text(state["state"])}"
                    + (job.Retries > 0 ? $" after {job.Retries} retries" : "") + $"; the next export is tried after {Shown(time.GetUtcNow() + ExportPeriod)}.";
                return (current with { Job = null, NextExportAt = time.GetUtcNow() + ExportPeriod, Activity = why }, new ProviderResponseException(why));
            default:
                // IN_PROGRESS (or a state this version does not know): asked again at the next poll.
                return (current, null);
        }
    }

    /// <summary>The page that hands the job's archives to the import, and the cursor after it: the next export's start and day.</summary>
    private PolledPage Imported(DataPortabilityCursor current, PortabilityJob job)
    {
        var importId = job.ImportId!.Value;
        var oneTime = job.AccessType == "ACCESS_TYPE_ONE_TIME";
        var next = job.InitiatedAt + ExportPeriod;
        var after = current with
        {
            Job = null,
            LastExportTime = job.ExportTime,
            LastImportId = importId,
            OneTimeUsed = oneTime,
            NextExportAt = oneTime ? null : next,
            Activity = $"Imported {job.Archives!.Count} archives of the export up to {Shown(job.ExportTime ?? job.InitiatedAt)} (import {importId}); "
                + (oneTime ? "one-time access: connect again for another export" : $"next export after {Shown(next)}"),
        };
        var uploadIds = job.Archives.Select(archive => archive.UploadId!.Value).ToList();
        return uploadIds.Count == 0
            ? Progress(after)
            : PolledPage.Archives(Source, new ArchiveImport(importId, uploadIds, $"Google Data Portability archive job {job.Id}"), after.ToJson());
    }

    private static IReadOnlyList<string> Urls(JsonNode state, string request) => state["urls"] switch
    {
        null => [],
        JsonArray urls => [.. urls.Select(url => ProviderJson.Text(url) ?? throw new ProviderResponseException($"A url of {request} is not a string."))],
        _ => throw new ProviderResponseException($"The urls of {request} are not an array."),
    };

    /// <summary>The archives at <paramref name="urls"/>: new ones, or those kept with their links renewed (the same archives, in the same order).</summary>
    private static IReadOnlyList<PortabilityArchive> Linked(IReadOnlyList<PortabilityArchive>? kept, IReadOnlyList<string> urls) =>
        kept is not null && kept.Count == urls.Count
            ? [.. kept.Zip(urls, (archive, url) => archive with { Url = url })]
            : [.. urls.Select(url => new PortabilityArchive(url))];

    private static PortabilityJob WithArchive(PortabilityJob job, int index, PortabilityArchive archive) =>
        job with { Archives = [.. job.Archives!.Select((each, i) => i == index ? archive : each)] };

    private static PolledPage Progress(DataPortabilityCursor cursor, bool continues = false) => PolledPage.Progress(Source, cursor.ToJson(), continues);

    private static DateTimeOffset? Time(JsonNode? node) =>
        ProviderJson.Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed : null;

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Shown(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => (bytes / 1_048_576.0).ToString("0.0", CultureInfo.InvariantCulture);
}
