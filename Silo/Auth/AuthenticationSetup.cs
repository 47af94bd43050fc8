using Datapunk.Silo.Hosting;
using Datapunk.Users.Tokens;
using Datapunk.Users.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Datapunk.Silo.Auth;

/// <summary>
/// Who is calling: one policy scheme picks, per request, a personal access token (<c>dpat_…</c>), a
/// session JWT Datapunk issued, or a JWT from the configured external OpenID Connect issuer. Every
/// route needs an authenticated caller unless it says otherwise (sign-in, health, the OpenAPI document).
/// </summary>
public static class AuthenticationSetup
{
    private const string SelectorScheme = "datapunk";
    private const string SessionScheme = "session";
    private const string OidcScheme = "oidc";

    public static WebApplicationBuilder AddDatapunkAuthentication(this WebApplicationBuilder builder, SiloSettings siloSettings)
    {
        var settings = AuthSettings.From(builder.Configuration, siloSettings.GatewayPort);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<SessionSigningKey>();
        builder.Services.AddSingleton<SessionTokens>();

        var authentication = builder.Services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Datapunk", scheme => scheme.ForwardDefaultSelector = context => Select(context, settings))
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AccessTokenAuthenticationHandler.SchemeName, _ => { })
            .AddScheme<AuthenticationSchemeOptions, IngestTokenAuthenticationHandler>(IngestTokenAuthenticationHandler.SchemeName, _ => { })
            .AddJwtBearer(SessionScheme, jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context => { context.Token = BearerToken.From(context.Request); return Task.CompletedTask; },
                    OnTokenValidated = RequireActiveSessionAsync,
                };
            });
        builder.Services.AddOptions<JwtBearerOptions>(SessionScheme).Configure<SessionSigningKey>((jwt, key) =>
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = AuthSettings.Issuer,
                ValidAudience = AuthSettings.Audience,
                IssuerSigningKey = key.Key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = CallerClaims.UserId,
                RoleClaimType = CallerClaims.Role,
            });
        if (settings.Oidc is { } oidc)
        {
            authentication.AddJwtBearer(OidcScheme, jwt =>
            {
                jwt.Authority = oidc.Authority;
                jwt.Audience = oidc.Audience;
                jwt.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                jwt.MapInboundClaims = false;
                jwt.Events = new JwtBearerEvents { OnTokenValidated = ExternalSignIn.MapToAccountAsync };
            });
        }

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AuthPolicies.Read, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => context.User.HasScope(AccessScopes.Read)))
            .AddPolicy(AuthPolicies.Write, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => context.User.HasScope(AccessScopes.Write)))
            .AddPolicy(AuthPolicies.Admin, policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.HasScope(AccessScopes.Admin) && AccountRoles.IsAdministrator(context.User.RoleOf())))
            // The ingest scheme alone: the default one never picks it, so an ingest token authenticates nowhere else.
            .AddPolicy(AuthPolicies.Ingest, policy => policy.AddAuthenticationSchemes(IngestTokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireClaim(IngestTokenAuthenticationHandler.TokenIdClaim));
        return builder;
    }

    private static string Select(HttpContext context, AuthSettings settings)
    {
        var token = BearerToken.From(context.Request);
        if (AccessTokenText.LooksLikeAccessToken(token))
        {
            return AccessTokenAuthenticationHandler.SchemeName;
        }

        if (settings.Oidc is not null && token is not null && IssuerOf(token) is { } issuer && issuer != AuthSettings.Issuer)
        {
            return OidcScheme;
        }

        return SessionScheme;
    }

    private static string? IssuerOf(string token)
    {
        try
        {
            return new JsonWebToken(token).Issuer;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A session JWT stops working as soon as its session is signed out or revoked, not only when it expires.</summary>
    private static async Task RequireActiveSessionAsync(TokenValidatedContext context)
    {
        var sessionId = context.Principal?.FindFirst(CallerPrincipals.SessionIdClaim)?.Value;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionTable>();
        if (!Guid.TryParseExact(sessionId, "N", out var id) || !await sessions.IsActiveAsync(id, context.HttpContext.RequestAborted))
        {
            context.Fail("The session was signed out or has expired.");
        }
    }
}
