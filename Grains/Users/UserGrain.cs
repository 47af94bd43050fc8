using Datapunk.Lake.Storage;

namespace Datapunk.Grains;

/// <summary>A user: its profile, and the gate to its data (imports now; search and answers later).</summary>
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

    public async Task<Guid> StartImportAsync(IReadOnlyList<string> paths)
    {
        RequireCreated();
        ImportRequests.ValidatePaths(paths);
        await RequireNoImportRunningAsync();
        var importId = Guid.NewGuid();
        await GrainFactory.GetGrain<IImportJobGrain>(importId).StartAsync(new StartImport(this.GetPrimaryKeyString(), paths));
        return importId;
    }

    public async Task<IReadOnlyList<ImportProgress>> ListImportsAsync()
    {
        RequireCreated();
        var listed = await importJobs.ListAsync(this.GetPrimaryKeyString(), CancellationToken.None);

        // The table mirrors phase changes; a running import's figures come from its grain.
        var current = await Task.WhenAll(listed.Select(async import =>
            import.Status.IsFinished() ? import : await GrainFactory.GetGrain<IImportJobGrain>(import.ImportId).GetStatusAsync() ?? import));
        return current;
    }

    /// <summary>
    /// One import per user at a time: each import's fixes are matched against what is stored, and
    /// two imports storing the same person's fixes at once could each miss the other's coarser copy.
    /// The table may lag a finished job by a turn; the job grain itself says whether it still runs.
    /// </summary>
    private async Task RequireNoImportRunningAsync()
    {
        var userId = this.GetPrimaryKeyString();
        foreach (var importId in await importJobs.ListUnfinishedAsync(userId, CancellationToken.None))
        {
            if (await GrainFactory.GetGrain<IImportJobGrain>(importId).GetStatusAsync() is { } running && !running.Status.IsFinished())
            {
                throw new ImportAlreadyRunningException(
                    $"User '{userId}' already has import {importId} running ({running.Status}); one import per user runs at a time. "
                    + $"Wait for it to finish, cancel it (POST /api/imports/{importId}/cancel), or give all the paths to one import.");
            }
        }
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
