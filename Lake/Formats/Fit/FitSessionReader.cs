using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Datapunk.Lake.Formats.Common;

namespace Datapunk.Lake.Formats.Fit;

/// <summary>
/// Fit sessions (<c>Fit/All Sessions/2021-03-01T08_00_00+01_00_WALKING.json</c>, one workout or
/// night per file: fitnessActivity, startTime, endTime, duration, segment[], aggregate[]). The record
/// contract has no session kind, so a session is an <see cref="RecordKind.ActivityEvent"/> titled
/// "fitness: &lt;activity&gt;" spanning start to end, with segments and aggregates kept in Source.
/// Sessions have no id: identity is the activity and its time span, which Fit does not change
/// between exports.
/// </summary>
public sealed partial class FitSessionReader : IExportFormatReader
{
    private static readonly KnownFieldNames SessionFields = new(
        "fitnessActivity", "startTime", "endTime", "duration", "segment", "aggregate", "name", "description", "id", "application",
        "activeTimeMillis");

    private static readonly KnownFieldNames SegmentFields = new("fitnessActivity", "startTime", "endTime");

    private static readonly KnownFieldNames AggregateFields = new("metricName", "floatValue", "intValue");

    public string FormatId => "google.fit.sessions";

    public FormatMatch Detect(EntrySample sample)
    {
        var head = sample.Head.Span;
        var content = head.IndexOf("\"fitnessActivity\""u8) >= 0 && (head.IndexOf("\"startTime\""u8) >= 0 || head.IndexOf("\"endTime\""u8) >= 0);
        var name = SessionFileName().IsMatch(sample.FileName);
        return FormatMatch.From(content, name);
    }

    public async Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        sink.SetVariant("session");
        if (await SmallJsonDocument.ReadObjectAsync(content, cancellationToken) is not { } session)
        {
            sink.ReportWarning("The session file is empty; it holds no session.");
            return;
        }

        var unknown = new UnknownFieldLog(sink);
        unknown.Check("$", session, SessionFields);
        foreach (var segment in session["segment"] as JsonArray ?? [])
        {
            unknown.Check("$.segment[]", segment, SegmentFields);
        }

        foreach (var aggregate in session["aggregate"] as JsonArray ?? [])
        {
            unknown.Check("$.aggregate[]", aggregate, AggregateFields);
        }

        var activity = JsonNodeFields.Text(session["fitnessActivity"]);
        if (!Timestamps.TryParse(JsonNodeFields.Text(session["startTime"]), out var start))
        {
            var problem = UnusableTime.Of(session["startTime"], "startTime");
            sink.RejectRecord(problem.Reason, $"The session has {problem.Description}; it was skipped.");
            return;
        }

        DateTime? end = Timestamps.TryParse(JsonNodeFields.Text(session["endTime"]), out var parsedEnd) ? parsedEnd : null;
        sink.AddRecord(new PersonalRecord
        {
            Kind = RecordKind.ActivityEvent,
            Identity = RecordIdentity.FromContent("google.fit.session", activity, start, end),
            OccurredAt = start,
            EndedAt = end,
            Title = $"fitness: {activity ?? "unknown"}",
            Text = JsonNodeFields.Text(session["name"]) ?? JsonNodeFields.Text(session["description"]),
            Source = session,
        });
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}_\d{2}_\d{2}.*\.json$", RegexOptions.IgnoreCase)]
    private static partial Regex SessionFileName();
}
