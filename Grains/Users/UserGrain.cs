namespace Datapunk.Grains;

/// <summary>A user: its profile now; later the gate to all of its data.</summary>
public sealed class UserGrain([PersistentState("profile", "store")] IPersistentState<UserProfileState> profile)
    : Grain, IUserGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!UserNames.IsValid(GetPrimaryKeyString()))
        {
            throw new ArgumentException($"'{GetPrimaryKeyString()}' is not a valid user name: {UserNames.Rule}.");
        }

        return Task.CompletedTask;
    }

    public async Task<UserProfile> CreateAsync(CreateUser request)
    {
        if (profile.State.CreatedAt is not null)
        {
            throw new UserAlreadyExistsException($"User '{GetPrimaryKeyString()}' already exists.");
        }

        profile.State = new UserProfileState
        {
            DisplayName = ValidDisplayName(request.DisplayName),
            Email = request.Email,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await profile.WriteStateAsync();
        return ToProfile();
    }

    public Task<UserProfile?> GetProfileAsync() =>
        Task.FromResult(profile.State.CreatedAt is null ? null : ToProfile());

    public async Task<UserProfile> UpdateProfileAsync(UpdateUserProfile request)
    {
        if (profile.State.CreatedAt is null)
        {
            throw new UserNotFoundException($"User '{GetPrimaryKeyString()}' does not exist.");
        }

        profile.State = profile.State with { DisplayName = ValidDisplayName(request.DisplayName), Email = request.Email };
        await profile.WriteStateAsync();
        return ToProfile();
    }

    private static string ValidDisplayName(string displayName) =>
        string.IsNullOrWhiteSpace(displayName) || displayName.Length > 200
            ? throw new ArgumentException("The display name must be 1 to 200 characters.")
            : displayName.Trim();

    private UserProfile ToProfile() =>
        new(GetPrimaryKeyString(), profile.State.DisplayName, profile.State.Email, profile.State.CreatedAt!.Value, RuntimeIdentity);
}
