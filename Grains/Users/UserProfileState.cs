namespace Datapunk.Grains;

/// <summary>
/// The user grain's operational state: only when the user was created. The profile itself is
/// personal data and lives in <c>user_data.profiles</c> under row-level security.
/// </summary>
[GenerateSerializer, Alias("user-profile-state")]
public sealed record UserProfileState
{
    /// <summary>The state name its rows are stored under: one per grain type, so no two grain types share rows.</summary>
    public const string Name = "user-profile";

    [Id(2)] public DateTimeOffset? CreatedAt { get; init; }
}
