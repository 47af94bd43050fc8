using System.Text.Json;
using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.DataPortability;

/// <summary>
/// A Data Portability connection's cursor: the archive job under way (its id, retries, archives and how far
/// each was downloaded into the user's uploads), where the last imported export ended (the next one's
/// <c>startTime</c>), when the next export is due, and the line the connection's status shows.
/// </summary>
internal sealed record DataPortabilityCursor
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public PortabilityJob? Job { get; init; }

    /// <summary>The <c>exportTime</c> of the last export imported: where the next time-filtered export starts.</summary>
    public DateTimeOffset? LastExportTime { get; init; }

    public DateTimeOffset? NextExportAt { get; init; }

    /// <summary>The account granted one-time access, and its one export was made: only a new authorization gives another.</summary>
    public bool OneTimeUsed { get; init; }

    public Guid? LastImportId { get; init; }

    /// <summary>What the connection is doing, in a line its status shows (<c>ConnectionRow.Activity</c>).</summary>
    public string? Activity { get; init; }

    public static DataPortabilityCursor Of(JsonObject cursor)
    {
        try
        {
            return cursor.Deserialize<DataPortabilityCursor>(Json) ?? new();
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException("The Data Portability cursor is not one this version reads.", exception);
        }
    }

    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, Json)!.AsObject();
}

/// <summary>One archive job: its id (a retry's when it was retried), when it was started, the time filter it asked for and, once complete, its archives.</summary>
internal sealed record PortabilityJob(string Id, DateTimeOffset InitiatedAt, DateTimeOffset? StartTime, int Retries)
{
    /// <summary>The <c>accessType</c> initiate answered: <c>ACCESS_TYPE_ONE_TIME</c> or <c>ACCESS_TYPE_TIME_BASED</c>.</summary>
    public string? AccessType { get; init; }

    /// <summary>The end of the exported data (<c>exportTime</c>), once the job is complete.</summary>
    public DateTimeOffset? ExportTime { get; init; }

    /// <summary>The signed links of the archives, once complete; null while the job runs (or after a link expired: asked again).</summary>
    public IReadOnlyList<PortabilityArchive>? Archives { get; init; }

    /// <summary>A signed link was refused (links expire): the next poll asks the job's state again for new ones.</summary>
    public bool LinksRefused { get; init; }

    /// <summary>The id the import of the archives gets, chosen once the job is complete, so the import starts once.</summary>
    public Guid? ImportId { get; init; }
}

/// <summary>One archive of a complete job: its signed link, and the user's upload it is downloaded into.</summary>
internal sealed record PortabilityArchive(string Url)
{
    public Guid? UploadId { get; init; }

    public bool Downloaded { get; init; }
}
