using Microsoft.Extensions.Configuration;

namespace Datapunk.Streams;

/// <summary>The providers this installation can connect to: those with a client configured under <c>Stream:Providers:{name}</c>.</summary>
public sealed class StreamProviders
{
    public const string Section = "Stream:Providers";

    private readonly Dictionary<string, ProviderSetup> _configured;

    public StreamProviders(IEnumerable<IStreamProvider> providers, IConfiguration configuration)
    {
        _configured = new(StringComparer.Ordinal);
        Known = [.. providers];
        foreach (var provider in Known)
        {
            var settings = new ProviderSettings();
            configuration.GetSection($"{Section}:{provider.Name}").Bind(settings);
            if (ProviderSetup.Of(provider, settings) is { } setup)
            {
                _configured[provider.Name] = setup;
            }
        }
    }

    public IReadOnlyCollection<string> Names => _configured.Keys;

    /// <summary>Every provider this build has a connector for, configured here or not.</summary>
    public IReadOnlyList<IStreamProvider> Known { get; }

    /// <summary>The provider's setup, or null when it is unknown or not configured here.</summary>
    public ProviderSetup? Find(string provider) => _configured.GetValueOrDefault(provider);
}
