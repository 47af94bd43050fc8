using Datapunk.Lake.Storage;
using Datapunk.Users.Accounts;

namespace Datapunk.Grains;

/// <summary>A user: its profile, and the gate to its data (imports in UserGrain.Imports.cs; search and answers later).</summary>
[GrainType("user")]
public sealed partial class UserGrain(
    [PersistentState(UserProfileState.Name, GrainStorage.Name)] IPersistentState<UserProfileState> state,
    ImportJobsTable importJobs, AccountTable accounts, ProfileTable profiles)
    : Grain, IUserGrain, IPersonalDataGrain
{
    public string? OwnerUserId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!UserNames.IsValid(this.GetPrimaryKeyString()))
        {
            throw new ArgumentException($"'{this.GetPrimaryKeyString()}' is not a valid user name: {UserNames.Rule}.");
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Creates the account (role), the profile and the grain's record of it. Each step is idempotent, so
    /// a caller that retries after a failure part-way finishes the job; a user created before is refused.
    /// </summary>
    public async Task<UserProfile> CreateAsync(CreateUser request)
    {
        var userId = this.GetPrimaryKeyString();
        if (state.State.CreatedAt is not null)
        {
            throw new UserAlreadyExistsException($"User '{userId}' already exists.");
        }

        var displayName = ValidDisplayName(request.DisplayName);
        if (!await accounts.TryCreateAsync(userId, request.Role, CancellationToken.None)
            && (await accounts.FindAsync(userId, CancellationToken.None))?.Role != request.Role)
        {
            throw new UserAlreadyExistsException(request.Role == AccountRoles.Owner
                ? $"Datapunk has an owner already; '{userId}' cannot be another."
                : $"User '{userId}' already exists.");
        }

        await profiles.SaveAsync(userId, new Profile(displayName, request.Email, null), CancellationToken.None);
        state.State = new UserProfileState { CreatedAt = DateTimeOffset.UtcNow };
        await state.WriteStateAsync();
        return await ToProfileAsync();
    }

    public async Task<UserProfile?> GetProfileAsync() =>
        state.State.CreatedAt is null ? null : await ToProfileAsync();

    public async Task<UserProfile> UpdateProfileAsync(UpdateUserProfile request)
    {
        RequireCreated();
        if (request.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            throw new ArgumentException($"'{zone}' is not a time zone this machine knows: use an IANA id such as Europe/Berlin.");
        }

        await profiles.SaveAsync(this.GetPrimaryKeyString(), new Profile(ValidDisplayName(request.DisplayName), request.Email, request.TimeZone), CancellationToken.None);
        return await ToProfileAsync();
    }

    private void RequireCreated()
    {
        if (state.State.CreatedAt is null)
        {
            throw new UserNotFoundException($"User '{this.GetPrimaryKeyString()}' does not exist.");
        }
    }

    private static string ValidDisplayName(string displayName) =>
        string.IsNullOrWhiteSpace(displayName) || displayName.Length > 200
            ? throw new ArgumentException("The display name must be 1 to 200 characters.")
            : displayName.Trim();

    private async Task<UserProfile> ToProfileAsync()
    {
        var userId = this.GetPrimaryKeyString();
        var account = await accounts.FindAsync(userId, CancellationToken.None);
        var profile = await profiles.FindAsync(userId, CancellationToken.None);
        return new UserProfile(
            userId, profile?.DisplayName ?? userId, profile?.Email, state.State.CreatedAt!.Value, RuntimeIdentity,
            account?.Role ?? AccountRoles.Member, profile?.TimeZone);
    }
}
