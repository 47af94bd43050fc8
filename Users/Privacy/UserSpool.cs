using Datapunk.Grains;

namespace Datapunk.Users.Privacy;

/// <summary>
/// The spool: a folder every silo can read (a shared volume in deploy/, one folder on a single
/// machine), setting <c>Spool:Path</c>, by default <c>.datapunk/spool</c> under the content root.
/// Everything of a user lives under <c>&lt;spool&gt;/&lt;user id&gt;/</c> (uploads, exports), so
/// erasing a user removes one folder.
/// </summary>
public sealed class UserSpool(string root)
{
    public const string Section = "Spool:Path";

    public const string DefaultPath = ".datapunk/spool";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The user's folder; refuses ids that are not user names (so no id can reach outside the spool).</summary>
    public string UserFolder(string userId) =>
        UserNames.IsValid(userId)
            ? Path.Combine(Root, userId)
            : throw new ArgumentException($"'{userId}' is not a user name: {UserNames.Rule}.", nameof(userId));

    /// <summary>Where the user's exports are written and downloaded from.</summary>
    public string ExportsFolder(string userId) => Path.Combine(UserFolder(userId), "exports");
}
