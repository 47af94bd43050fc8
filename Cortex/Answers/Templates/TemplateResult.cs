namespace Datapunk.Cortex.Answers.Templates;

/// <summary>What a template found: the answer's text and the records it rests on.</summary>
public sealed record TemplateResult(string Text, IReadOnlyList<AnswerCitation> Citations);
