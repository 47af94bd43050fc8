using Datapunk.Streams;
using Datapunk.Streams.Connections;
using Datapunk.Streams.OAuth;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Grains;

/// <summary>
/// The user's live-source connections. Every connection key is built from this grain's own id, so an id
/// naming another user's connection reaches nothing: for this user it does not exist.
/// </summary>
public sealed partial class UserGrain
{
    public async Task<IReadOnlyList<ConnectionStatus>> ListConnectionsAsync()
    {
        RequireCreated();
        var rows = await ServiceProvider.GetRequiredService<ConnectionsTable>().ListAsync(this.GetPrimaryKeyString(), CancellationToken.None);
        return [.. rows.Select(ConnectionStatuses.Of)];
    }

    public async Task<string> BeginConnectionAsync(string provider, string callback)
    {
        RequireCreated();
        try
        {
            var authorizer = ServiceProvider.GetRequiredService<ConnectionAuthorizer>();
            return (await authorizer.BeginAsync(this.GetPrimaryKeyString(), provider, new Uri(callback), CancellationToken.None)).ToString();
        }
        catch (UnknownProviderException exception)
        {
            throw new ArgumentException(exception.Message, nameof(provider));
        }
    }

    public async Task<ConnectionStatus?> ConnectionAuthorizedAsync(string id) =>
        ConnectionOf(id) is { } connection ? await connection.StartAsync() : null;

    public async Task<ConnectionSync?> SyncConnectionAsync(string id) =>
        ConnectionOf(id) is { } connection ? await connection.SyncNowAsync() : null;

    public async Task<ConnectionStatus?> PauseConnectionAsync(string id) =>
        ConnectionOf(id) is { } connection ? await connection.PauseAsync() : null;

    public async Task<ConnectionStatus?> ResumeConnectionAsync(string id) =>
        ConnectionOf(id) is { } connection ? await connection.ResumeAsync() : null;

    public async Task<bool> RemoveConnectionAsync(string id) =>
        ConnectionOf(id) is { } connection && await connection.DisconnectAsync();

    /// <summary>This user's connection <paramref name="id"/> names (<c>provider:account</c>), or null for a malformed id.</summary>
    private ISourceConnectionGrain? ConnectionOf(string id)
    {
        RequireCreated();
        return ConnectionKey.FromId(this.GetPrimaryKeyString(), id) is { } key ? GrainFactory.GetGrain<ISourceConnectionGrain>(key.GrainKey) : null;
    }
}
