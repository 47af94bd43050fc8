using System.ComponentModel;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Datapunk.Cortex.Answers.Fallback;
using Datapunk.Cortex.Answers.Questions;
using Datapunk.Cortex.Answers.Templates;
using Datapunk.Lake.Reading;
using Microsoft.SemanticKernel;

namespace Datapunk.Cortex.Answers.LanguageModel;

/// <summary>
/// The tools a chat model may call, as a Semantic Kernel plugin: each reads the asking user's data
/// through the same readers and templates as the rest of Datapunk (row-level security included), takes
/// plain arguments (never SQL), and returns JSON in which every record carries a reference from the
/// <see cref="CitationLedger"/> for the model to cite. Text bound for the model passes through
/// <see cref="PiiPseudonyms"/>, and pseudonyms in the model's arguments are turned back into values
/// before they are read with. One instance serves one question.
/// </summary>
public sealed class AnswerTools(
    AskContext context, LocalCalendar calendar, CitationLedger ledger, AnswerToolReaders readers, PiiPseudonyms pseudonyms)
{
    private const int MaxSearchResults = 20;
    private const int MaxTimelineEntries = 200;
    private const int MaxPlaces = 50;
    private const int MaxSnippet = 300;

    // Text as written ("Radiohead — Reckoner", not \u2014): the model reads it, and no browser renders it.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [KernelFunction("search_records"), Description("Searches the user's records (place visits, plays, videos, searches, mail, notes, pages, …) by words; newest first.")]
    public async Task<string> SearchRecordsAsync(
        [Description("Words to look for.")] string query,
        [Description("Optional record kind: place_visits, spotify_plays, youtube_watches, youtube_searches, emails, browser_visits, calendar_events, keep_notes, discord_messages, …")] string? kind = null,
        [Description("Optional first local day, yyyy-MM-dd.")] string? from = null,
        [Description("Optional last local day, yyyy-MM-dd (included).")] string? to = null,
        CancellationToken cancellationToken = default)
    {
        query = pseudonyms.Reveal(query)!;
        var filter = new RecordsQuery(kind is null ? [] : [kind], Day(from) is { } first ? calendar.StartOf(first) : null,
            Day(to) is { } last ? calendar.StartOf(last.AddDays(1)) : null, null, null, MaxSearchResults, null);
        var errors = RecordsQueries.Check(filter with { Text = "x" });
        if (errors.Any)
        {
            return Refused("search_records", new { query, kind, from, to }, errors);
        }

        var found = await readers.Search.SearchAsync(context.UserId, query, filter, cancellationToken);
        return Result("search_records", new { query, kind, from, to }, found.Select(record => (object)new
        {
            @ref = ledger.Register(RecordCitations.From(record, calendar)),
            record.Kind,
            time = Local(record.OccurredAt),
            title = pseudonyms.Hide(record.Title),
            snippet = pseudonyms.Hide(record.Body is { Length: > MaxSnippet } body ? body[..MaxSnippet] + "…" : record.Body),
        }).ToList());
    }

    [KernelFunction("timeline_of_day"), Description("Everything the user's data holds for one local day, in time order; location fixes summarised per hour.")]
    public async Task<string> TimelineOfDayAsync([Description("The local day, yyyy-MM-dd.")] string date, CancellationToken cancellationToken = default)
    {
        if (Day(date) is not { } day)
        {
            return Refused("timeline_of_day", new { date }, "date", "Give the day as yyyy-MM-dd.");
        }

        var page = await readers.Timeline.ReadAsync(context.UserId, new TimelineQuery(day, day, calendar.ZoneId, MaxTimelineEntries, null), cancellationToken);
        return Result("timeline_of_day", new { date }, page.Entries.Select(entry => entry.Fixes is { } fixes
            ? (object)new
            {
                @ref = ledger.Register(FixCitation(fixes)),
                kind = entry.Kind,
                time = Local(entry.At),
                fixes = fixes.Count,
                first = fixes.First,
                last = fixes.Last,
            }
            : new
            {
                @ref = ledger.Register(new AnswerCitation(entry.Id, entry.Kind, entry.At, entry.LocalAt, entry.Title, null, entry.Position)),
                kind = entry.Kind,
                time = Local(entry.At),
                ended = Local(entry.EndedAt),
                title = pseudonyms.Hide(entry.Title),
                entry.Position,
            }).ToList());
    }

    [KernelFunction("daily_stats"), Description("A metric for each local day of a range: location_fixes, distance_km, places_visited, listening_minutes, youtube_watches, steps, or records (with kind).")]
    public async Task<string> DailyStatsAsync(
        [Description("The metric name.")] string metric,
        [Description("First local day, yyyy-MM-dd.")] string from,
        [Description("Last local day, yyyy-MM-dd (included), at most 366 days after from.")] string to,
        [Description("The record kind, for the metric 'records' only.")] string? kind = null,
        CancellationToken cancellationToken = default)
    {
        var query = new DailyStatsQuery(metric, kind, Day(from) ?? default, Day(to) ?? default, calendar.ZoneId);
        var errors = DailyStatsQueries.Check(query);
        if (Day(from) is null || Day(to) is null || errors.Any)
        {
            return Refused("daily_stats", new { metric, from, to, kind }, errors.Any ? errors : Errors("from", "Give from and to as yyyy-MM-dd."));
        }

        var series = await readers.Stats.ReadAsync(context.UserId, query, cancellationToken);
        ledger.Called("daily_stats", Arguments(new { metric, from, to, kind }), 0);
        return JsonSerializer.Serialize(new { series.Metric, series.Unit, days = series.Days.Where(day => day.Value is not null) }, Json);
    }

    [KernelFunction("visited_places"), Description("The places the user's place visits name in a range of local days, most visited first, with visit counts and total time.")]
    public async Task<string> VisitedPlacesAsync(
        [Description("Optional first local day, yyyy-MM-dd.")] string? from = null,
        [Description("Optional last local day, yyyy-MM-dd (included).")] string? to = null,
        CancellationToken cancellationToken = default)
    {
        var query = new MapQuery(new BoundingBox(-180, -90, 180, 90), Day(from) is { } first ? calendar.StartOf(first) : null,
            Day(to) is { } last ? calendar.StartOf(last.AddDays(1)) : null, MaxPlaces);
        var places = await readers.Places.ReadAsync(context.UserId, query, cancellationToken);
        ledger.Called("visited_places", Arguments(new { from, to }), 0);
        return JsonSerializer.Serialize(places.Places.Select(place => new
        {
            name = pseudonyms.Hide(place.Name), place.Position, place.Visits, hours = Math.Round(place.TotalSeconds / 3600.0, 1),
            firstVisit = Local(place.FirstVisit), lastVisit = Local(place.LastVisit),
        }), Json);
    }

    [KernelFunction("template_answer"), Description("Answers common questions exactly from the data: where was I on/at …, when did I last …, how many/much … in a period, top N …, what did I watch/search/listen to about …, who did I write to most. Pass the question in English, German or French.")]
    public async Task<string> TemplateAnswerAsync([Description("The question, with its dates.")] string question, CancellationToken cancellationToken = default)
    {
        question = pseudonyms.Reveal(question)!;
        if (QuestionRecogniser.Recognise(question, DateOnly.FromDateTime(calendar.ToLocal(context.Now.UtcDateTime).DateTime)) is not { } recognised)
        {
            return Refused("template_answer", new { question }, "question", "Not a question type the templates know; use the other tools.");
        }

        var answer = await readers.Templates.AnswerAsync(recognised, context, calendar, cancellationToken);
        var references = answer.Citations.Select(citation => new { @ref = ledger.Register(citation), citation.Kind, time = Local(citation.Time), title = pseudonyms.Hide(citation.Title) }).ToList();
        ledger.Called("template_answer", Arguments(new { question }), references.Count);
        var parameters = recognised.Parameters().ToDictionary(parameter => parameter.Key, parameter => pseudonyms.Hide(parameter.Value));
        return JsonSerializer.Serialize(new { template = recognised.Type.ToName(), parameters, answer = pseudonyms.Hide(answer.Text), records = references }, Json);
    }

    private string Result(string tool, object arguments, IReadOnlyList<object> records)
    {
        ledger.Called(tool, Arguments(arguments), records.Count);
        return JsonSerializer.Serialize(new { records }, Json);
    }

    private string Refused(string tool, object arguments, string parameter, string message) => Refused(tool, arguments, Errors(parameter, message));

    private string Refused(string tool, object arguments, QueryErrors errors)
    {
        ledger.Called(tool, Arguments(arguments), 0);
        return JsonSerializer.Serialize(new { errors = errors.ByParameter }, Json);
    }

    private static QueryErrors Errors(string parameter, string message)
    {
        var errors = new QueryErrors();
        errors.Add(parameter, message);
        return errors;
    }

    private static string Arguments(object arguments) => JsonSerializer.Serialize(arguments, Json);

    private string? Local(DateTimeOffset? utc) =>
        utc is { } at ? calendar.ToLocal(at.UtcDateTime).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : null;

    /// <summary>An hour of fixes is cited by its first fix, whose E7 position the summary's degrees round back to.</summary>
    private AnswerCitation FixCitation(FixesSummary fixes) =>
        CitationSql.Fix(fixes.FirstAt.UtcDateTime, (int)Math.Round(fixes.First.Lat * 1e7), (int)Math.Round(fixes.First.Lng * 1e7), null, calendar.ToLocal(fixes.FirstAt.UtcDateTime));

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
