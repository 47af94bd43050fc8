namespace Datapunk.Grains;

/// <summary>How an answer was reached.</summary>
/// <param name="Method"><c>template</c> (a recognised question answered by a fixed query), <c>search</c> (no template fit: the best matching records), or <c>model</c> (a chat model with Cortex's tools).</param>
/// <param name="Template">The question type recognised (<c>where_was_i</c>, <c>count</c>, …), when one was.</param>
/// <param name="Language">The language of the phrasing recognised (<c>en</c>, <c>de</c>, <c>fr</c>).</param>
/// <param name="Parameters">What the template was given: subject, topic, period (local dates), zone, limit.</param>
/// <param name="ToolCalls">The tools a chat model called, in order.</param>
/// <param name="Steps">What was done, one line each, in order.</param>
[GenerateSerializer, Immutable, Alias("answer-derivation")]
public sealed record AnswerDerivation(
    [property: Id(0)] string Method,
    [property: Id(1)] string? Template,
    [property: Id(2)] string? Language,
    [property: Id(3)] IReadOnlyDictionary<string, string> Parameters,
    [property: Id(4)] IReadOnlyList<AnswerToolCall> ToolCalls,
    [property: Id(5)] IReadOnlyList<string> Steps);
