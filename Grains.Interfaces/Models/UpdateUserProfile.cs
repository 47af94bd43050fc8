namespace Datapunk.Grains;

/// <summary>Profile fields to change; <see cref="TimeZone"/> is an IANA zone id (null: UTC).</summary>
[GenerateSerializer, Immutable, Alias("update-user-profile")]
public sealed record UpdateUserProfile([property: Id(0)] string DisplayName, [property: Id(1)] string? Email, [property: Id(2)] string? TimeZone = null);
