using System.Net;
using System.Net.Sockets;

namespace Datapunk.Actors.Transport;

/// <summary>Accepts connections from other silos and from cluster clients on the silo port.</summary>
internal sealed class SiloListener : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly string _clusterId;
    private readonly JsonSerializerOptions _jsonOptions;
    private readonly IIncomingRequestHandler _handler;
    private readonly ConcurrentDictionary<SiloConnection, bool> _accepted = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _acceptLoop = Task.CompletedTask;

    public SiloListener(IPAddress listenAddress, int port, string clusterId, JsonSerializerOptions jsonOptions, IIncomingRequestHandler handler)
    {
        _clusterId = clusterId;
        _jsonOptions = jsonOptions;
        _handler = handler;
        _socket = new Socket(listenAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _socket.Bind(new IPEndPoint(listenAddress, port));
        _socket.Listen(512);
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Start() => _acceptLoop = Task.Run(AcceptLoopAsync);

    /// <summary>Closes the listener and every accepted connection (a paused or dead silo's peers see them drop).</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _socket.Dispose();
        await _acceptLoop;
        foreach (var connection in _accepted.Keys)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var connection = new SiloConnection(accepted, accepted.RemoteEndPoint?.ToString() ?? "client", _clusterId, _jsonOptions, _handler);
            _accepted[connection] = true;
            connection.Start();
            _ = connection.Completion.ContinueWith(_ => _accepted.TryRemove(connection, out bool _), TaskScheduler.Default);
        }
    }
}
