namespace Datapunk.Cortex.Answers;

/// <summary>
/// One question and what answering it needs to know about its user: who (every read is in that user's
/// row-level-security scope), their time zone, when "now" is, their e-mail address (which mail is
/// theirs), an API key for the chat endpoint when they stored one, and whether personal identifiers
/// are masked in what is sent to that endpoint.
/// </summary>
/// <param name="TimeZone">An IANA zone (the profile's); null or unknown reads dates in UTC.</param>
/// <param name="ChatMasksPii">Masked unless the user turned it off for the configured server (<see cref="LanguageModel.ModelServerMasking"/>).</param>
public sealed record AskContext(
    string UserId, string Question, string? TimeZone, DateTimeOffset Now, string? UserEmail = null, string? ChatApiKey = null, bool ChatMasksPii = true)
{
    public const int MaxQuestionLength = 500;
}
