namespace Datapunk.Grains;

/// <summary>The persisted profile of a user; <see cref="CreatedAt"/> is null until the user is created.</summary>
[GenerateSerializer, Alias("user-profile-state")]
public sealed record UserProfileState
{
    /// <summary>The state name its rows are stored under: one per grain type, so no two grain types share rows.</summary>
    public const string Name = "user-profile";

    [Id(0)] public string DisplayName { get; init; } = "";

    [Id(1)] public string? Email { get; init; }

    [Id(2)] public DateTimeOffset? CreatedAt { get; init; }
}
