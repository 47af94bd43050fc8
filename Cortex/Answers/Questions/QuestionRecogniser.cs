namespace Datapunk.Cortex.Answers.Questions;

/// <summary>
/// Recognises the questions people ask most (<see cref="QuestionPatterns"/>) and the period they name
/// (<see cref="PeriodPhrases"/>), in English, German and French. Anything else is not recognised: the
/// caller answers it another way rather than guessing.
/// </summary>
public static class QuestionRecogniser
{
    /// <summary>The question as the grammar reads it, or null; periods are resolved against <paramref name="today"/>, the user's local date.</summary>
    public static RecognisedQuestion? Recognise(string question, DateOnly today)
    {
        var text = QuestionText.Normalise(question);
        var found = PeriodPhrases.Find(text, today);
        var rest = found?.Remainder ?? text;
        foreach (var row in QuestionPatterns.Rows)
        {
            if (row.Pattern.Match(rest) is { Success: true } match && row.Read(match, found?.Period, row.Language) is { } recognised)
            {
                return recognised;
            }
        }

        return null;
    }
}
