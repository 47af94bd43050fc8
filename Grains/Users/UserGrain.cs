using Datapunk.Lake.Storage;

namespace Datapunk.Grains;

/// <summary>A user: its profile, and the gate to its data (imports in UserGrain.Imports.cs; search and answers later).</summary>
[GrainType("user")]
public sealed partial class UserGrain([PersistentState(UserProfileState.Name, GrainStorage.Name)] IPersistentState<UserProfileState> profile, ImportJobsTable importJobs)
    : Grain, IUserGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!UserNames.IsValid(this.GetPrimaryKeyString()))
        {
            throw new ArgumentException($"'{this.GetPrimaryKeyString()}' is not a valid user name: {UserNames.Rule}.");
        }

        return Task.CompletedTask;
    }

    public async Task<UserProfile> CreateAsync(CreateUser request)
    {
        if (profile.State.CreatedAt is not null)
        {
            throw new UserAlreadyExistsException($"User '{this.GetPrimaryKeyString()}' already exists.");
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
        RequireCreated();
        profile.State = profile.State with { DisplayName = ValidDisplayName(request.DisplayName), Email = request.Email };
        await profile.WriteStateAsync();
        return ToProfile();
    }

    private void RequireCreated()
    {
        if (profile.State.CreatedAt is null)
        {
            throw new UserNotFoundException($"User '{this.GetPrimaryKeyString()}' does not exist.");
        }
    }

    private static string ValidDisplayName(string displayName) =>
        string.IsNullOrWhiteSpace(displayName) || displayName.Length > 200
            ? throw new ArgumentException("The display name must be 1 to 200 characters.")
            : displayName.Trim();

    private UserProfile ToProfile() =>
        new(this.GetPrimaryKeyString(), profile.State.DisplayName, profile.State.Email, profile.State.CreatedAt!.Value, RuntimeIdentity);
}
