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

    /// <summary>
    /// Returns the profile, or null when no such user was created. Read-only, so it runs beside the
    /// reads of <see cref="IUserRecords"/>: a page asks for the profile while its map tiles are being
    /// read, and a call that may not interleave would hold every tile asked for after it.
    /// </summary>
    [Alias("GetProfileAsync"), AdministratorMayCall, Orleans.Concurrency.ReadOnly]
    Task<UserProfile?> GetProfileAsync();

    /// <summary>Changes the display name and e-mail address of an existing user.</summary>
    [Alias("UpdateProfileAsync")]
    Task<UserProfile> UpdateProfileAsync(UpdateUserProfile request);
}
