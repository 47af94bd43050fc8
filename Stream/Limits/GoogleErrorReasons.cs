using System.Text.Json;

namespace Datapunk.Streams.Limits;

/// <summary>
/// The <c>reason</c>s of an error body as Google's APIs write one
/// (<c>{error: {errors: [{domain, reason, message}], code, message}}</c>): what a 403 means
/// (<see cref="GoogleUsageLimits"/>, a scope not granted). Other providers' bodies have none.
/// </summary>
internal static class GoogleErrorReasons
{
    /// <summary>Google's reason for a token that lacks the scope a request needs.</summary>
    public const string InsufficientPermissions = "insufficientPermissions";

    /// <summary>The reasons of <paramref name="response"/>'s body; none when it is not Google's error shape.</summary>
    public static async ValueTask<IReadOnlyList<string>> ReadAsync(HttpResponseMessage response)
    {
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                ? [.. errors.EnumerateArray()
                    .Select(entry => entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String
                        ? reason.GetString()!
                        : null)
                    .OfType<string>()]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
