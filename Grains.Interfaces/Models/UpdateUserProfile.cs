namespace Datapunk.Grains;

/// <summary>Profile fields to change.</summary>
[GenerateSerializer, Immutable, Alias("update-user-profile")]
public sealed record UpdateUserProfile([property: Id(0)] string DisplayName, [property: Id(1)] string? Email);
