namespace Datapunk.Streams;

/// <summary>A configured provider: its connector and its effective settings (configuration over the provider's defaults).</summary>
public sealed record ProviderSetup(
    IStreamProvider Provider,
    string ClientId,
    string ClientSecret,
    Uri AuthorizeEndpoint,
    Uri TokenEndpoint,
    Uri ApiBase,
    Uri? RedirectUri,
    string Scopes,
    TimeSpan PollInterval,
    int RequestsPerWindow,
    int ConnectionRequestsPerWindow,
    TimeSpan QuotaWindow,
    TimeSpan RequestTimeout,
    TimeSpan QuotaWait,
    IReadOnlyDictionary<string, string> AuthorizeParameters,
    bool RefreshWithScopes = false)
{
    public string Name => Provider.Name;

    /// <summary>Settings a provider has whatever its defaults say.</summary>
    private static readonly ProviderSettings Fallback = new()
    {
        PollInterval = TimeSpan.FromMinutes(15),
        RequestsPerWindow = 10,
        ConnectionRequestsPerWindow = 2,
        QuotaWindow = TimeSpan.FromSeconds(1),
        RequestTimeout = TimeSpan.FromSeconds(10),
        QuotaWait = TimeSpan.FromSeconds(20),
    };

    /// <summary>The effective setup, or null when the operator configured no client for the provider.</summary>
    public static ProviderSetup? Of(IStreamProvider provider, ProviderSettings configured)
    {
        if (!configured.IsConfigured)
        {
            return null;
        }

        var defaults = provider.Defaults;
        T Pick<T>(Func<ProviderSettings, T?> value) where T : class =>
            value(configured) ?? value(defaults) ?? value(Fallback)
            ?? throw new InvalidOperationException($"Stream:Providers:{provider.Name} lacks a setting the provider has no default for.");
        TV PickValue<TV>(Func<ProviderSettings, TV?> value) where TV : struct =>
            value(configured) ?? value(defaults) ?? value(Fallback)
            ?? throw new InvalidOperationException($"Stream:Providers:{provider.Name} lacks a setting the provider has no default for.");
        return new ProviderSetup(
            provider, configured.ClientId!, configured.ClientSecret!,
            Pick(s => s.AuthorizeEndpoint), Pick(s => s.TokenEndpoint), Pick(s => s.ApiBase), configured.RedirectUri,
            Pick(s => s.Scopes), PickValue(s => s.PollInterval), PickValue(s => s.RequestsPerWindow), PickValue(s => s.ConnectionRequestsPerWindow),
            PickValue(s => s.QuotaWindow), PickValue(s => s.RequestTimeout), PickValue(s => s.QuotaWait),
            AuthorizeParametersOf(defaults, configured), configured.RefreshWithScopes ?? defaults.RefreshWithScopes ?? false);
    }

    private static Dictionary<string, string> AuthorizeParametersOf(ProviderSettings defaults, ProviderSettings configured)
    {
        var parameters = new Dictionary<string, string>(defaults.AuthorizeParameters ?? [], StringComparer.Ordinal);
        foreach (var (name, value) in configured.AuthorizeParameters ?? [])
        {
            parameters[name] = value;
        }

        return parameters;
    }
}
