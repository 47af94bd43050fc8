using System.Text.Json.Nodes;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams;

/// <summary>
/// A live source: how its OAuth application is reached by default, who an authorized account is, and
/// how one poll reads what is new since a cursor. Each provider lives in one folder under Providers/.
/// </summary>
public interface IStreamProvider
{
    /// <summary>The name in URLs, configuration and connection ids: <c>spotify</c>.</summary>
    string Name { get; }

    /// <summary>The name people know it by: <c>Spotify</c>.</summary>
    string Title { get; }

    /// <summary>One line for the sources page: what a connection reads, and what the provider's API does not give.</summary>
    string Description { get; }

    /// <summary>The provider's documented endpoints, scopes, schedule and limits, which configuration overrides.</summary>
    ProviderSettings Defaults { get; }

    /// <summary>The account the token belongs to (its stable id and a name to show).</summary>
    Task<ProviderAccount> GetAccountAsync(ProviderClient client, CancellationToken cancellationToken);

    /// <summary>
    /// Reads what is new after <paramref name="cursor"/>, as pages to store one by one (each with the
    /// cursor to keep once it is stored); an empty list when nothing is new.
    /// </summary>
    IAsyncEnumerable<PolledPage> PollAsync(ProviderClient client, JsonObject cursor, CancellationToken cancellationToken);
}
