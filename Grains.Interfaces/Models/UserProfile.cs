namespace Datapunk.Grains;

/// <summary>What a user's profile shows.</summary>
[GenerateSerializer, Immutable, Alias("user-profile")]
public sealed record UserProfile(
    [property: Id(0)] string UserName,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string? Email,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string ServedBy,
    [property: Id(5)] string Role,
    [property: Id(6)] string? TimeZone);
