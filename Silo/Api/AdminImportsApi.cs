using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Datapunk.Lake.Storage;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary>
/// Every user's imports for administrators (docs/api.md, "Imports across users"): state, times, files,
/// bytes, records and errors counted, never what was imported: no paths, file names, error texts or
/// counts by kind.
/// </summary>
public static class AdminImportsApi
{
    public const int DefaultLimit = 100;

    public static RouteGroupBuilder MapAdminImportsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/imports", ListAsync).WithTags("Admin").WithName("ListImportsAcrossUsers").RequireAuthorization(AuthPolicies.Admin)
            .Audited(AuditActions.AdminImportsRead)
            .WithSummary($"Every user's imports, newest first, limit= (1-{ImportsOverview.MaxLimit}, default {DefaultLimit}) at a time, after= the previous page's next: "
                + "state, times, files, bytes, records, duplicates, errors counted, seconds and peak memory; nothing of their content.");
        return api;
    }

    private static async Task<Results<Ok<ImportsAcrossUsers>, ValidationProblem>> ListAsync(
        ImportsOverview overview, int? limit, string? after, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > ImportsOverview.MaxLimit)
        {
            errors["limit"] = [$"limit= is 1 to {ImportsOverview.MaxLimit}."];
        }

        var position = Decode(after);
        if (after is not null && position is null)
        {
            errors["after"] = ["The cursor is not one this API issued: pass the 'next' value of the previous page unchanged."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var size = limit ?? DefaultLimit;
        var imports = await overview.ListAsync(size + 1, position, cancellationToken);
        var page = imports.Take(size).ToList();
        var next = imports.Count > size ? Encode(new ImportOverviewPosition(page[^1].CreatedAt, page[^1].ImportId)) : null;
        return TypedResults.Ok(new ImportsAcrossUsers(page, next));
    }

    private static string Encode(ImportOverviewPosition position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{position.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{position.ImportId:N}"));

    private static ImportOverviewPosition? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('|');
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks is >= 0 and <= 3155378975999999999 && Guid.TryParseExact(parts[1], "N", out var importId)
                    ? new ImportOverviewPosition(new DateTimeOffset(ticks, TimeSpan.Zero), importId)
                    : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>A page of every user's imports, newest first, and the cursor of the next page (null on the last).</summary>
public sealed record ImportsAcrossUsers(IReadOnlyList<ImportOverview> Imports, string? Next);
