using Datapunk.Users.Audit;
using System.Text.Json;
using Datapunk.Lake.Reading;
using Datapunk.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary><c>GET /api/v1/records</c>: the caller's records by kind, time, source format and text, newest first, a page at a time.</summary>
public static class RecordsApi
{
    public static RouteGroupBuilder MapRecordsApi(this RouteGroupBuilder api)
    {
        var records = api.MapGroup("/records").WithTags("Records").Audited(AuditActions.RecordsRead);
        records.MapGet("/", ListAsync).WithName("ListRecords")
            .WithSummary("Lists the caller's records, newest first: kind= (repeated or comma-separated), from=/to= (ISO 8601; to excluded), "
                + "source= (export format id or family), q= (text), limit= (1-500, default 100), after= (the cursor of 'next').");
        return api;
    }

    /// <summary>A page of records with each record's source fields as JSON, and the link to the next page.</summary>
    public sealed record RecordsResponse(IReadOnlyList<RecordView> Records, string? Next);

    /// <summary>A record as <see cref="StoredRecord"/>, its source fields as a JSON value rather than text.</summary>
    public sealed record RecordView(
        string Kind, string Id, DateTimeOffset? OccurredAt, DateTimeOffset? EndedAt, string? Title, string? Body, bool BodyTruncated,
        string? Url, GeoPoint? Position, JsonElement? Source, bool SourceOmitted, RecordProvenance? Provenance);

    private static async Task<Results<Ok<RecordsResponse>, ValidationProblem>> ListAsync(
        HttpContext http, IGrainFactory grains, string? from, string? to, string? source, string? q, string? limit, string? after, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var query = new RecordsQuery(
            ReadingParameters.Kinds(http.Request),
            ReadingParameters.Instant(from, "from", errors),
            ReadingParameters.Instant(to, "to", errors),
            source,
            q,
            ReadingParameters.Limit(limit, ReadingLimits.DefaultRecords, errors),
            after);
        if (!errors.Any)
        {
            errors = RecordsQueries.Check(query);
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ByParameter);
        }

        var page = await grains.GetGrain<IUserGrain>(http.User.UserIdOf()).ListRecordsAsync(query, cancellationToken);
        http.ReportAuditedRecords(page.Records.Count);
        return TypedResults.Ok(new RecordsResponse([.. page.Records.Select(View)], ReadingParameters.NextLink(http.Request, page.Next)));
    }

    private static RecordView View(StoredRecord record)
    {
        JsonElement? source = null;
        if (record.Source is { } json)
        {
            using var document = JsonDocument.Parse(json);
            source = document.RootElement.Clone();
        }

        return new RecordView(record.Kind, record.Id, record.OccurredAt, record.EndedAt, record.Title, record.Body, record.BodyTruncated,
            record.Url, record.Position, source, record.SourceOmitted, record.Provenance);
    }
}
