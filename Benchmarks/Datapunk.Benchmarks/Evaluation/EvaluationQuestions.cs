namespace Datapunk.Benchmarks.Evaluation;

/// <summary>Every template question of the evaluation, in English, German and French.</summary>
internal static class EvaluationQuestions
{
    public static IReadOnlyList<AskCase> For(SyntheticPersonYear person) =>
    [
        .. WhereAndWhenQuestions.WhereOnDay(person),
        .. WhereAndWhenQuestions.WhereAtTime(person),
        .. WhereAndWhenQuestions.WhenLast(person),
        .. CountAndTopQuestions.Counts(person),
        .. CountAndTopQuestions.Tops(person),
        .. CountAndTopQuestions.Topics(person),
        .. CountAndTopQuestions.WroteMost(person),
    ];
}
