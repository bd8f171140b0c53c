using System.Net;
using System.Net.Sockets;

namespace FeatureFlags.TestUtilities;

/// <summary>
/// A loopback TCP proxy that can cut every connection and refuse new ones, to take a database away from one
/// application instance while others (and the test) still reach it. Listens on 127.0.0.1 only.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly List<TcpClient> _connections = [];
    private readonly Lock _lock = new();
    private TcpListener? _listener;
    private CancellationTokenSource _running = new();

    public TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public void Start()
    {
        _running = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _running.Token);
    }

    /// <summary>Closes every proxied connection and stops accepting new ones.</summary>
    public void Cut()
    {
        _running.Cancel();
        _listener?.Stop();
        lock (_lock)
        {
            foreach (var connection in _connections)
            {
                try
                {
                    // Reset rather than close gracefully, as a dropped network does.
                    connection.Client?.Close(0);
                }
                catch (ObjectDisposedException)
                {
                    // Already closed by its pump.
                }

                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        _running.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(token);
            }
            catch (Exception) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }

            var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, token);
            }
            catch (Exception)
            {
                client.Dispose();
                upstream.Dispose();
                continue;
            }

            lock (_lock)
            {
                _connections.Add(client);
                _connections.Add(upstream);
            }

            _ = PumpAsync(client, upstream, token);
            _ = PumpAsync(upstream, client, token);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken token)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), token);
        }
        catch (Exception)
        {
            // Either side closed or the proxy was cut.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
