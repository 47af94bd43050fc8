namespace Datapunk.Users.Tokens;

/// <summary>
/// An ingest token as the phone holds it: <c>dpit_{token id}_{secret}</c>, the shape of a personal
/// access token (<see cref="AccessTokenText"/>) under its own prefix, so neither is ever taken for the other.
/// </summary>
public static class IngestTokenText
{
    public const string Prefix = "dpit_";

    public static bool LooksLikeIngestToken(string? token) => token is not null && token.StartsWith(Prefix, StringComparison.Ordinal);

    public static string Format(Guid tokenId, string secret) => AccessTokenText.Format(Prefix, tokenId, secret);

    public static bool TryParse(string? token, out Guid tokenId, out string secret) => AccessTokenText.TryParse(Prefix, token, out tokenId, out secret);
}
