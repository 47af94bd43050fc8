using System.Security.Claims;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Datapunk.Users.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary>
/// The caller's ingest tokens: what a phone's tracker app (OwnTracks, Overland) holds to post the
/// caller's location fixes to <c>/ingest/*</c>, and nothing else (docs/sources.md). Created and revoked
/// with a write-scoped credential, audited; a token's text is shown only when it is created.
/// </summary>
public static class IngestTokensApi
{
    public static RouteGroupBuilder MapIngestTokensApi(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/me/ingest-tokens").WithTags("Ingest tokens");
        tokens.MapGet("/", ListAsync).WithName("ListIngestTokens").WithSummary("The caller's ingest tokens (never their secrets).");
        tokens.MapPost("/", CreateAsync).Audited(AuditActions.IngestTokenCreate).WithName("CreateIngestToken").RequireAuthorization(AuthPolicies.Write)
            .WithSummary("Creates an ingest token for a phone's tracker app; its text is shown only in this answer.");
        tokens.MapDelete("/{ingestTokenId:guid}", RevokeAsync).Audited(AuditActions.IngestTokenRevoke).WithName("RevokeIngestToken")
            .RequireAuthorization(AuthPolicies.Write).WithSummary("Revokes one of the caller's ingest tokens; the phone's next post is refused (401).");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<IngestToken>>> ListAsync(ClaimsPrincipal caller, IngestTokenTable tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tokens.ListAsync(caller.UserIdOf(), cancellationToken));

    private static async Task<Results<Created<IssuedIngestToken>, ValidationProblem>> CreateAsync(
        ClaimsPrincipal caller, NewIngestTokenRequest body, IngestTokenTable tokens, CancellationToken cancellationToken)
    {
        try
        {
            var issued = await tokens.IssueAsync(caller.UserIdOf(), body.Name ?? "", cancellationToken);
            return TypedResults.Created($"{ApiV1.Prefix}/me/ingest-tokens/{issued.Token.TokenId}", issued);
        }
        catch (ArgumentException exception)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [exception.Message] });
        }
    }

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(
        ClaimsPrincipal caller, Guid ingestTokenId, IngestTokenTable tokens, CancellationToken cancellationToken) =>
        await tokens.RevokeAsync(caller.UserIdOf(), ingestTokenId, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}

public sealed record NewIngestTokenRequest(string? Name);
