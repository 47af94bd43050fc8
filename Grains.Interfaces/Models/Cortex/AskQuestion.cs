namespace Datapunk.Grains;

/// <summary>The body of <c>POST /api/v1/ask</c>: a question about the caller's own data, in English, German or French.</summary>
public sealed record AskQuestion(string? Question);
