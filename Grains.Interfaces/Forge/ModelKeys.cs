namespace Datapunk.Grains;

/// <summary>
/// The key of a model grain: <c>user/kind</c>. User names never contain '/' (<see cref="UserNames"/>),
/// so the key splits unambiguously, and erasure finds a user's model grains by the prefix <c>user/</c>.
/// </summary>
public static class ModelKeys
{
    public static string Of(string userId, string kind) => $"{userId}/{kind}";

    public static (string UserId, string Kind) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < key.Length - 1
            ? (key[..slash], key[(slash + 1)..])
            : throw new ArgumentException($"'{key}' is not a model key (user/kind).", nameof(key));
    }
}
