namespace Datapunk.Lake.Catalog;

/// <summary>
/// Timeliness of a silver dataset: the age of its newest row at the refresh against how often its source is expected
/// to deliver (a phone or a connection daily, an export monthly). Score 1 within the cadence, else cadence / age.
/// </summary>
internal static class Timeliness
{
    public static TimeSpan CadenceOf(string origin) => origin is DatasetOrigins.Live or DatasetOrigins.Connection ? TimeSpan.FromDays(1) : TimeSpan.FromDays(31);

    public static QualityScore Of(DatasetFacts dataset, DateTimeOffset now)
    {
        var cadence = CadenceOf(dataset.Origin);
        var measure = $"The newest row is at most {cadence.TotalDays:0} day(s) old ({dataset.Origin} sources are expected that often); older scores cadence / age.";
        if (dataset.LastAt is not { } newest)
        {
            return QualityRun.NotApplicable(QualityDimensions.Timeliness, "Does not apply: the rows have no time.");
        }

        var age = now - newest;
        if (age <= cadence)
        {
            return new QualityScore(QualityDimensions.Timeliness, 1, 1, 0, measure, []);
        }

        var reason = $"the newest row ({newest:yyyy-MM-dd HH:mm}Z) is {age.TotalDays:0} days old; expected every {cadence.TotalDays:0} day(s)";
        return new QualityScore(QualityDimensions.Timeliness, Math.Round(cadence / age, 4), 1, 1, measure, [new FailingRow(dataset.Id, reason)]);
    }
}
