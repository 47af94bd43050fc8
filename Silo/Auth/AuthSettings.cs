namespace Datapunk.Silo.Auth;

/// <summary>
/// Authentication settings (section <c>Auth</c>). Keys and files live under the state folder
/// (<c>State:Path</c>, default <c>.datapunk</c> in the working directory), which every silo of a
/// cluster must share (one folder on one machine; a shared volume or a secret in deploy/).
/// </summary>
/// <param name="StatePath">Datapunk's folder on disk: signing key, bootstrap credentials.</param>
/// <param name="SessionTokenLifetime">How long a session JWT is valid; a refresh token renews it.</param>
/// <param name="SessionLifetime">How long a signed-in session may be renewed.</param>
/// <param name="BootstrapCredentialsFile">When set, the first silo creates the owner account and writes an admin token here (mode 0600).</param>
/// <param name="OwnerName">The owner account's user name.</param>
/// <param name="PublicUrl">Where users reach the gateway (for the sign-in link).</param>
/// <param name="Oidc">An external OpenID Connect issuer to trust instead of (or besides) Datapunk's own sessions.</param>
public sealed record AuthSettings(
    string StatePath, TimeSpan SessionTokenLifetime, TimeSpan SessionLifetime, string? BootstrapCredentialsFile, string OwnerName,
    string PublicUrl, OidcSettings? Oidc)
{
    public const string Issuer = "datapunk";
    public const string Audience = "datapunk-api";

    public string SigningKeyPath => Path.Combine(StatePath, "keys", "session-signing.key");

    public static AuthSettings From(IConfiguration configuration, int gatewayPort) => new(
        Path.GetFullPath(configuration["State:Path"] ?? ".datapunk"),
        configuration.GetValue("Auth:SessionTokenLifetime", TimeSpan.FromMinutes(15)),
        configuration.GetValue("Auth:SessionLifetime", TimeSpan.FromDays(30)),
        configuration["Auth:Bootstrap:CredentialsFile"] is { Length: > 0 } file ? Path.GetFullPath(file) : null,
        configuration["Auth:Bootstrap:OwnerName"] ?? "owner",
        configuration["Auth:PublicUrl"] ?? $"http://localhost:{gatewayPort}",
        OidcSettings.From(configuration.GetSection("Auth:Oidc")));
}

/// <summary>
/// A trusted external OpenID Connect issuer (<c>Auth:Oidc:Authority</c>). Its tokens sign in the
/// account named by <see cref="UserClaim"/>; with <see cref="CreateAccounts"/> an unknown name gets a
/// member account on first sign-in, otherwise it is refused.
/// </summary>
public sealed record OidcSettings(string Authority, string Audience, string UserClaim, bool RequireHttpsMetadata, bool CreateAccounts)
{
    public static OidcSettings? From(IConfigurationSection section) =>
        section["Authority"] is { Length: > 0 } authority
            ? new OidcSettings(
                authority,
                section["Audience"] ?? throw new InvalidOperationException("Auth:Oidc:Audience must be set when Auth:Oidc:Authority is."),
                section["UserClaim"] ?? "preferred_username",
                section.GetValue("RequireHttpsMetadata", true),
                section.GetValue("CreateAccounts", false))
            : null;
}
