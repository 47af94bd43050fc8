namespace Datapunk.Grains;

/// <summary>The body of <c>POST /api/users</c>.</summary>
public sealed record NewUser(string UserName, string DisplayName, string? Email = null);
