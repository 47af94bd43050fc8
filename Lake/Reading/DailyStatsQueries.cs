namespace Datapunk.Lake.Reading;

/// <summary>Checks a daily stats query: a known metric (with a record kind where it needs one), a known zone, at most a year of days.</summary>
public static class DailyStatsQueries
{
    /// <summary>What is wrong with <paramref name="query"/>, by parameter (nothing when it can run).</summary>
    public static QueryErrors Check(DailyStatsQuery query)
    {
        var errors = new QueryErrors();
        Parse(query, errors);
        return errors;
    }

    internal static (StatsMetricSql? Metric, RecordKind? Kind, LocalCalendar? Calendar) Parse(DailyStatsQuery query, QueryErrors errors)
    {
        var metric = StatsMetrics.Find(query.Metric);
        if (metric is null)
        {
            errors.Add("metric", $"'{query.Metric}' is not a metric; the metrics are {string.Join(", ", StatsMetrics.List.Select(known => known.Name))}.");
        }

        RecordKind? kind = metric?.Kind;
        if (metric is { Metric.NeedsKind: true })
        {
            kind = query.Kind is null
                ? Missing(errors, metric.Metric.Name)
                : RecordKindNames.ParseRecordKinds([query.Kind], errors).Cast<RecordKind?>().FirstOrDefault();
        }
        else if (query.Kind is not null)
        {
            errors.Add("kind", $"The metric '{query.Metric}' takes no kind.");
        }

        var calendar = LocalCalendar.Resolve(query.TimeZone, errors);
        LocalDays.Check(errors, query.From, query.To, ReadingLimits.MaxStatsDays);
        return (metric, kind, calendar);
    }

    private static RecordKind? Missing(QueryErrors errors, string metric)
    {
        errors.Add("kind", $"The metric '{metric}' counts records of one kind: name it with kind= (such as kind=emails).");
        return null;
    }
}
