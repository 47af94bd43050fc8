namespace Datapunk.Grains;

/// <summary>
/// One Datapunk user, keyed by user name. The only path to that user's data: later capabilities
/// (imports, search, answers) are reached through this grain, which enforces isolation.
/// </summary>
[Alias("user")]
public interface IUserGrain : IGrainWithStringKey, IUserImports, IUserRecords, IUserPrivacy, IUserConnections
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
}
