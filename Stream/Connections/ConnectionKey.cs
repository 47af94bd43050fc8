namespace Datapunk.Streams.Connections;

/// <summary>
/// One connection: a user's account at a provider. Its grain key is <c>user/provider/account</c>; the
/// id the API and the CLI show is <c>provider:account</c>, which names it within one user only.
/// </summary>
public sealed record ConnectionKey(string UserId, string Provider, string Account)
{
    /// <summary>The grain key: user names and provider names hold no '/', so the account may.</summary>
    public string GrainKey => $"{UserId}/{Provider}/{Account}";

    /// <summary>The id within the user: <c>spotify:alice</c>.</summary>
    public string Id => $"{Provider}:{Account}";

    public static ConnectionKey ParseGrainKey(string key)
    {
        var parts = key.Split('/', 3);
        return parts.Length == 3 && parts.All(part => part.Length > 0)
            ? new ConnectionKey(parts[0], parts[1], parts[2])
            : throw new ArgumentException($"'{key}' is not a connection key (user/provider/account).", nameof(key));
    }

    /// <summary>The connection of <paramref name="userId"/> that <paramref name="id"/> (<c>provider:account</c>) names, or null for a malformed id.</summary>
    public static ConnectionKey? FromId(string userId, string id)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 || colon == id.Length - 1 ? null : new ConnectionKey(userId, id[..colon], id[(colon + 1)..]);
    }
}
