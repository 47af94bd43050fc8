namespace Datapunk.Grains;

/// <summary>
/// An answer to a question about the user's own data (<c>POST /api/v1/ask</c>): the text, the records
/// it rests on, and how it was reached.
/// </summary>
/// <param name="Citations">The records the answer rests on, in the order the answer uses them.</param>
/// <param name="UsedLanguageModel">True when a configured chat model composed the answer from Cortex's tools.</param>
/// <param name="TimeZone">The IANA zone the question's dates were read in (the profile's, else UTC).</param>
[GenerateSerializer, Immutable, Alias("cortex-answer")]
public sealed record CortexAnswer(
    [property: Id(0)] string Question,
    [property: Id(1)] string Answer,
    [property: Id(2)] IReadOnlyList<AnswerCitation> Citations,
    [property: Id(3)] AnswerDerivation How,
    [property: Id(4)] bool UsedLanguageModel,
    [property: Id(5)] string TimeZone);
