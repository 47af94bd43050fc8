namespace Datapunk.Users.Privacy;

/// <summary>
/// The rule every cache of personal data in Redis follows: each key of a user's data starts with
/// <c>dp:u:{&lt;user id&gt;}:</c>. Erasure deletes the user's keys by that prefix, so a cache that
/// names its keys otherwise would keep data of an erased user. The braces are a Redis Cluster hash
/// tag: all of a user's keys live in one slot, and one node's scan finds them.
/// </summary>
public static class UserCacheKeys
{
    /// <summary>The prefix of every key holding <paramref name="userId"/>'s data.</summary>
    public static string Prefix(string userId) =>
        string.IsNullOrWhiteSpace(userId) ? throw new ArgumentException("A cache key needs a user id.", nameof(userId)) : $"dp:u:{{{userId}}}:";

    /// <summary>A key of <paramref name="userId"/>'s data: the prefix and the cache's own name (<c>dp:u:{alice}:timeline:2024-05-01</c>).</summary>
    public static string For(string userId, string name) => Prefix(userId) + name;
}
