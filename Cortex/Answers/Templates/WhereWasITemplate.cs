using System.Globalization;
using Datapunk.Cortex.Answers.Questions;
using Datapunk.Lake.Reading;
using Npgsql;

namespace Datapunk.Cortex.Answers.Templates;

/// <summary>
/// "Where was I on DATE / at TIME on DATE": the place visits of the user's local day (or the one
/// around that time), named as the export named them; without visits, the day's location fixes
/// summarised (how many, when, around which point), one fix per hour cited.
/// </summary>
internal sealed class WhereWasITemplate : IQuestionTemplate
{
    private const int MaxVisits = 50;

    /// <summary>How far from the asked time a fix still says where the user was.</summary>
    private static readonly TimeSpan FixWindow = TimeSpan.FromHours(1);

    public QuestionType Type => QuestionType.WhereWasI;

    public async Task<TemplateResult> AnswerAsync(RecognisedQuestion question, AnswerScope scope, ReadTransaction read, CancellationToken cancellationToken)
    {
        var period = question.Period ?? LocalPeriod.Day(scope.Today, "today");
        var (start, end) = scope.Range(period);
        return period.At is { } time
            ? await AtTimeAsync(scope.Instant(period.First, time), period, scope, read, cancellationToken)
            : await DuringAsync(start, end, period, scope, read, cancellationToken);
    }

    private static async Task<TemplateResult> DuringAsync(DateTime start, DateTime end, LocalPeriod period, AnswerScope scope, ReadTransaction read, CancellationToken cancellationToken)
    {
        await using var visits = Visits(read, scope, "r.occurred_at < @end AND coalesce(r.ended_at, r.occurred_at) >= @start", "r.occurred_at, r.identity");
        visits.Parameters.AddWithValue("start", start);
        visits.Parameters.AddWithValue("end", end);
        var found = await ReadVisitsAsync(visits, scope, cancellationToken);
        if (found.Count > 0)
        {
            return new TemplateResult(
                $"{Capitalised(AnswerScope.During(period))} ({scope.ZoneLabel}) you were at {Join(found.Select(visit => Describe(visit, period, scope)))}.",
                [.. found.Select(visit => visit.Citation)]);
        }

        return await FixesAsync(start, end, $"No place visits are recorded {AnswerScope.During(period)}", scope, read, cancellationToken);
    }

    private static async Task<TemplateResult> AtTimeAsync(DateTime at, LocalPeriod period, AnswerScope scope, ReadTransaction read, CancellationToken cancellationToken)
    {
        await using var visits = Visits(read, scope, "r.occurred_at <= @at AND coalesce(r.ended_at, r.occurred_at) >= @at", "r.occurred_at DESC");
        visits.Parameters.AddWithValue("at", at);
        var found = await ReadVisitsAsync(visits, scope, cancellationToken);
        if (found.Count > 0)
        {
            var visit = found[0];
            return new TemplateResult(
                $"At {period.At:HH:mm} on {period.First:d MMMM yyyy} ({scope.ZoneLabel}) you were at {Describe(visit, period, scope)}.", [visit.Citation]);
        }

        return await FixesAsync(at - FixWindow, at + FixWindow, $"No place visit covers {period.At:HH:mm} on {period.First:d MMMM yyyy}", scope, read, cancellationToken, nearest: at);
    }

    private static NpgsqlCommand Visits(ReadTransaction read, AnswerScope scope, string during, string order)
    {
        var command = read.Command($"""
            SELECT {CitationSql.Columns()}, r.ended_at
            FROM user_data.records r {CitationSql.Files()}
            WHERE r.user_id = @user AND r.kind = {(short)RecordKind.PlaceVisit} AND {during}
            ORDER BY {order}
            LIMIT {MaxVisits}
            """);
        command.Parameters.AddWithValue("user", scope.UserId);
        return command;
    }

    private static async Task<List<Visit>> ReadVisitsAsync(NpgsqlCommand command, AnswerScope scope, CancellationToken cancellationToken)
    {
        var visits = new List<Visit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var ended = reader.IsDBNull(CitationSql.Count) ? (DateTimeOffset?)null : new DateTimeOffset(reader.GetFieldValue<DateTime>(CitationSql.Count), TimeSpan.Zero);
            visits.Add(new Visit(CitationSql.Read(reader, 0, scope), ended));
        }

        return visits;
    }

    /// <summary>
    /// The fixes between <paramref name="start"/> and <paramref name="end"/>: their count, span and mean
    /// position, citing the first fix of each hour (or the fix nearest <paramref name="nearest"/>).
    /// </summary>
    private static async Task<TemplateResult> FixesAsync(
        DateTime start, DateTime end, string noVisits, AnswerScope scope, ReadTransaction read, CancellationToken cancellationToken, DateTime? nearest = null)
    {
        await using var command = read.Command($"""
            SELECT p.time, p.lat_e7, p.lng_e7, f.format_id, count(*) OVER (), avg(p.lat_e7) OVER () / 1e7, avg(p.lng_e7) OVER () / 1e7,
                   min(p.time) OVER (), max(p.time) OVER ()
            FROM timeseries.location_points p LEFT JOIN imports.files f ON f.file_id = p.file_id
            WHERE p.user_id = @user AND p.time >= @start AND p.time < @end
            ORDER BY {(nearest is null ? "p.time" : "abs(extract(epoch FROM p.time - @nearest))")}
            """);
        command.Parameters.AddWithValue("user", scope.UserId);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        command.Parameters.AddWithValue("nearest", nearest ?? start);

        var cited = new List<AnswerCitation>();
        var hours = new HashSet<DateTime>();
        long count = 0;
        double lat = 0, lng = 0;
        DateTime first = default, last = default;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var time = reader.GetFieldValue<DateTime>(0);
                (count, lat, lng, first, last) = (reader.GetInt64(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetFieldValue<DateTime>(7), reader.GetFieldValue<DateTime>(8));
                if ((nearest is null && hours.Add(time.AddTicks(-(time.Ticks % TimeSpan.TicksPerHour)))) || (nearest is not null && cited.Count == 0))
                {
                    cited.Add(CitationSql.Fix(time, reader.GetInt32(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3), scope.ToLocal(time)));
                }
            }
        }

        if (count == 0)
        {
            return new TemplateResult($"{noVisits}, and no location fixes either: I do not know where you were.", []);
        }

        var around = string.Create(CultureInfo.InvariantCulture, $"{lat:0.0000}, {lng:0.0000}");
        var text = nearest is { } at
            ? $"{noVisits}; your nearest location fix, at {scope.LocalTime(cited[0].Time!.Value)}, puts you at {cited[0].Position!.Lat.ToString("0.0000", CultureInfo.InvariantCulture)}, {cited[0].Position!.Lng.ToString("0.0000", CultureInfo.InvariantCulture)} ({scope.ZoneLabel})."
            : $"{noVisits}; {count} location fixes from {scope.LocalTime(new DateTimeOffset(first, TimeSpan.Zero))} to {scope.LocalTime(new DateTimeOffset(last, TimeSpan.Zero))} ({scope.ZoneLabel}) centre on {around} (the first fix of each hour is cited).";
        return new TemplateResult(text, cited);
    }

    /// <summary>"Museum Island (10:00–12:30)", with the date where the visit began or ended on another day.</summary>
    private static string Describe(Visit visit, LocalPeriod period, AnswerScope scope)
    {
        var name = visit.Citation.Title ?? (visit.Citation.Position is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"a place at {at.Lat:0.0000}, {at.Lng:0.0000}")
            : "an unnamed place");
        string Clock(DateTimeOffset time) =>
            scope.LocalDate(time) >= period.First && scope.LocalDate(time) <= period.Last ? scope.LocalTime(time) : scope.Local(time);
        var from = Clock(visit.Citation.Time!.Value);
        return visit.EndedAt is { } ended ? $"{name} ({from}–{Clock(ended)})" : $"{name} (from {from})";
    }

    private static string Join(IEnumerable<string> parts)
    {
        var list = parts.ToList();
        return list.Count == 1 ? list[0] : string.Join(", ", list[..^1]) + " and " + list[^1];
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private sealed record Visit(AnswerCitation Citation, DateTimeOffset? EndedAt);
}
