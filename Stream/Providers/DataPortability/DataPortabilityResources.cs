namespace Datapunk.Streams.Providers.DataPortability;

/// <summary>
/// The resource groups an archive job asks for: one per <c>dataportability.*</c> scope the connection was
/// authorized with (Google's resources correspond 1:1 to its OAuth scopes), and which of them take a time filter.
/// </summary>
internal static class DataPortabilityResources
{
    private const string ScopePrefix = "https://www.googleapis.com/auth/dataportability.";

    /// <summary>The resources of the <paramref name="scopes"/> (space-separated), in their order.</summary>
    public static IReadOnlyList<string> Of(string scopes) =>
        [.. scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(scope => scope.StartsWith(ScopePrefix, StringComparison.Ordinal))
            .Select(scope => scope[ScopePrefix.Length..])];

    /// <summary>
    /// Whether <paramref name="resource"/> takes <c>startTime</c>/<c>endTime</c>: Google's time filter covers
    /// My Activity and Chrome history (release notes of 20 February 2025); other resources export everything every time.
    /// </summary>
    public static bool IsTimeFiltered(string resource) =>
        resource.StartsWith("myactivity.", StringComparison.Ordinal) || resource == "chrome.history";
}
