namespace Datapunk.Grains;

/// <summary>The fields a new user starts with; <see cref="Role"/> is one of <see cref="AccountRoles"/>.</summary>
[GenerateSerializer, Immutable, Alias("create-user")]
public sealed record CreateUser(
    [property: Id(0)] string DisplayName, [property: Id(1)] string? Email, [property: Id(2)] string Role = AccountRoles.Member);
