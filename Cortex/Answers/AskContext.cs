namespace Datapunk.Cortex.Answers;

/// <summary>
/// One question and what answering it needs to know about its user: who (every read is in that user's
/// row-level-security scope), their time zone, when "now" is, their e-mail address (which mail is
/// theirs), and an API key for the chat endpoint when they stored one.
/// </summary>
/// <param name="TimeZone">An IANA zone (the profile's); null or unknown reads dates in UTC.</param>
public sealed record AskContext(string UserId, string Question, string? TimeZone, DateTimeOffset Now, string? UserEmail = null, string? ChatApiKey = null)
{
    public const int MaxQuestionLength = 500;
}
