namespace Datapunk.Grains;

/// <summary>
/// One Datapunk user, keyed by user name. The only path to that user's data: later capabilities
/// (imports, search, answers) are reached through this grain, which enforces isolation.
/// </summary>
[Alias("user")]
public interface IUserGrain : IGrainWithStringKey, IUserRecords, IUserPrivacy
{
    /// <summary>Creates the user; fails with <see cref="UserAlreadyExistsException"/> if it exists.</summary>
    [Alias("CreateAsync"), AdministratorMayCall]
    Task<UserProfile> CreateAsync(CreateUser request);

    /// <summary>Returns the profile, or null when no such user was created.</summary>
    [Alias("GetProfileAsync"), AdministratorMayCall]
    Task<UserProfile?> GetProfileAsync();

    /// <summary>Changes the display name and e-mail address of an existing user.</summary>
    [Alias("UpdateProfileAsync")]
    Task<UserProfile> UpdateProfileAsync(UpdateUserProfile request);

    /// <summary>
    /// Starts one import over the given local paths (archives, folders or single export files) and
    /// returns its id; the import runs in its own <see cref="IImportJobGrain"/>. The user must exist.
    /// </summary>
    [Alias("StartImportAsync")]
    Task<Guid> StartImportAsync(IReadOnlyList<string> paths);

    /// <summary>This user's imports, newest first, with status and counts (live for running ones).</summary>
    [Alias("ListImportsAsync")]
    Task<IReadOnlyList<ImportProgress>> ListImportsAsync();
}
