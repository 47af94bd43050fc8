using System.Net;
using System.Net.Sockets;
using Datapunk.Actors.Runtime;

namespace Datapunk.Actors.Transport;

/// <summary>
/// One outgoing connection per remote address, opened on first use and replaced when it breaks,
/// plus the sweeper that fails remote calls whose deadline passed.
/// </summary>
internal sealed class ConnectionManager : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    private readonly string _clusterId;
    private readonly JsonSerializerOptions _jsonOptions;
    private readonly IIncomingRequestHandler? _requestHandler;
    private readonly ConcurrentDictionary<string, Lazy<Task<SiloConnection>>> _connections = new(StringComparer.Ordinal);
    private readonly Timer _sweeper;

    public ConnectionManager(string clusterId, JsonSerializerOptions jsonOptions, IIncomingRequestHandler? requestHandler)
    {
        _clusterId = clusterId;
        _jsonOptions = jsonOptions;
        _requestHandler = requestHandler;
        _sweeper = new Timer(_ => ExpireCalls(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
    }

    public async Task<RemoteOutcome<T>> SendAsync<T>(string address, GrainId target, GrainRequest<T> request, CallChain? chain, long deadline)
    {
        var connection = await GetConnectionAsync(address);
        return await connection.SendRequest(target, request, chain, deadline);
    }

    public async ValueTask DisposeAsync()
    {
        await _sweeper.DisposeAsync();
        foreach (var entry in _connections.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
            {
                await entry.Value.Result.DisposeAsync();
            }
        }
    }

    private async Task<SiloConnection> GetConnectionAsync(string address)
    {
        while (true)
        {
            var entry = _connections.GetOrAdd(address, a => new Lazy<Task<SiloConnection>>(() => ConnectAsync(a)));
            SiloConnection connection;
            try
            {
                connection = await entry.Value;
            }
            catch (Exception exception)
            {
                _connections.TryRemove(new KeyValuePair<string, Lazy<Task<SiloConnection>>>(address, entry));
                throw new ConnectionUnavailableException($"Cannot connect to silo {address}: {exception.Message}", exception);
            }

            if (!connection.IsClosed)
            {
                return connection;
            }

            _connections.TryRemove(new KeyValuePair<string, Lazy<Task<SiloConnection>>>(address, entry));
        }
    }

    private async Task<SiloConnection> ConnectAsync(string address)
    {
        var endpoint = ParseEndpoint(address);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = new CancellationTokenSource(ConnectTimeout);
            await socket.ConnectAsync(endpoint, timeout.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new SiloConnection(socket, address, _clusterId, _jsonOptions, _requestHandler);
        connection.Start();
        return connection;
    }

    internal static IPEndPoint ParseEndpoint(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), out var port))
        {
            throw new FormatException($"'{address}' is not a host:port silo address.");
        }

        var host = address[..colon];
        var ip = host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(host, out var parsed) ? parsed : Dns.GetHostAddresses(host)[0];
        return new IPEndPoint(ip, port);
    }

    private void ExpireCalls()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var entry in _connections.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
            {
                var connection = entry.Value.Result;
                connection.ExpireCalls(now, pending => new GrainCallTimeoutException(
                    $"The call to {pending.Target}.{pending.MethodName} on {connection.RemoteAddress} did not complete before its deadline."));
            }
        }
    }
}
