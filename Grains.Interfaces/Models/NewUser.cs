namespace Datapunk.Grains;

/// <summary>The body of <c>POST /api/v1/users</c>: the display name defaults to the user name, the role to member.</summary>
public sealed record NewUser(string UserName, string? DisplayName = null, string? Email = null, string? Role = null);
