namespace Datapunk.Benchmarks.Evaluation;

/// <summary>
/// A question with its exact expected answer: the template that must answer it and the phrases the
/// answer must contain (place names with local times, counts, ranked entries), built from the
/// generator's known facts.
/// </summary>
internal sealed record AskCase(string Category, string Language, string Question, string Template, IReadOnlyList<string> Expected);
