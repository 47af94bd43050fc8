namespace Datapunk.Cortex.Answers.Questions;

/// <summary>A question the grammar recognised: its type, the phrasing's language, and what the template needs.</summary>
/// <param name="Period">The local days it is about; null where it named none (the template decides what that means).</param>
/// <param name="Topic">The words that name what it is about ("radiohead", "louvre"), as written, lower-cased.</param>
/// <param name="Limit">How many a top-N question wants.</param>
public sealed record RecognisedQuestion(
    QuestionType Type,
    string Language,
    LocalPeriod? Period,
    Activity? Activity = null,
    CountSubject? Subject = null,
    TopDimension? Dimension = null,
    string? Topic = null,
    int Limit = 5)
{
    public const int MaxLimit = 50;

    /// <summary>The parameters as an answer's derivation shows them.</summary>
    public IReadOnlyDictionary<string, string> Parameters()
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Period is { } period)
        {
            parameters["from"] = period.First.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            parameters["to"] = period.Last.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            parameters["period"] = period.Phrase;
            if (period.At is { } at)
            {
                parameters["at"] = at.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        if (Activity is { } activity)
        {
            parameters["activity"] = activity.Snake();
        }

        if (Subject is { } subject)
        {
            parameters["subject"] = subject.Snake();
        }

        if (Dimension is { } dimension)
        {
            parameters["dimension"] = dimension.Snake();
            parameters["limit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Topic is { } topic)
        {
            parameters["topic"] = topic;
        }

        return parameters;
    }
}
