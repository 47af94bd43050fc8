using Datapunk.Streams.Connections;
using Datapunk.Streams.Limits;
using Datapunk.Streams.OAuth;
using Datapunk.Streams.Polling;
using Datapunk.Streams.Providers.DataPortability;
using Datapunk.Streams.Providers.Gmail;
using Datapunk.Streams.Providers.GoogleCalendar;
using Datapunk.Streams.Providers.MicrosoftGraph;
using Datapunk.Streams.Providers.Spotify;
using Datapunk.Streams.Providers.YouTube;
using Datapunk.Streams.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Datapunk.Streams;

public static class StreamServiceCollectionExtensions
{
    /// <summary>
    /// Live sources over OAuth (docs/sources.md): the providers configured under <c>Stream:Providers</c>,
    /// the authorization flow, the shared quotas, and the poller the connection grains run. Needs an
    /// <c>NpgsqlDataSource</c>, a Redis connection, the Users part's secrets (<c>AddUsers</c>) and the Lake's upload
    /// spool (<c>AddLake</c>: Data Portability downloads archives into it) from the host.
    /// </summary>
    public static IServiceCollection AddStream(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(ProviderClients.HttpClientName);
        services.AddHttpClient(TokenEndpointClient.HttpClientName);
        services.AddSingleton(new WebhookSettings(configuration[WebhookSettings.Key] is { Length: > 0 } publicBaseUrl ? new Uri(publicBaseUrl) : null));
        services.AddSingleton<IStreamProvider, SpotifyProvider>();
        services.AddSingleton<IStreamProvider, GoogleCalendarProvider>();
        services.AddSingleton<IStreamProvider, GmailProvider>();
        services.AddSingleton<IStreamProvider, YouTubeProvider>();
        services.AddSingleton<IStreamProvider, MicrosoftGraphProvider>();
        services.AddSingleton<IStreamProvider, DataPortabilityProvider>();
        services.AddSingleton(provider => new StreamProviders(provider.GetServices<IStreamProvider>(), configuration));
        services.AddSingleton<ProviderQuota>();
        services.AddSingleton<ProviderResilience>();
        services.AddSingleton<ProviderClients>();
        services.AddSingleton<TokenEndpointClient>();
        services.AddSingleton<ConnectionTokenStore>();
        services.AddSingleton<PendingAuthorizations>();
        services.AddSingleton<ConnectionsTable>();
        services.AddSingleton<ConnectionAuthorizer>();
        services.AddSingleton<PolledPageStore>();
        services.AddSingleton<NewRecordsChannel>();
        services.AddSingleton<ConnectionPoller>();
        services.AddSingleton<ConnectionWebhooks>();
        return services;
    }
}
