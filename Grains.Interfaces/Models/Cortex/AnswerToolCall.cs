namespace Datapunk.Grains;

/// <summary>One call a chat model made to a Cortex tool: its name, its arguments as JSON, and how many records it returned.</summary>
[GenerateSerializer, Immutable, Alias("answer-tool-call")]
public sealed record AnswerToolCall(
    [property: Id(0)] string Name,
    [property: Id(1)] string Arguments,
    [property: Id(2)] int Records);
