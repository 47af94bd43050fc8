namespace Datapunk.Grains;

/// <summary>The body of <c>POST /api/users/{user}/imports</c>: absolute paths the silo reads.</summary>
public sealed record NewImport(IReadOnlyList<string> Paths);
