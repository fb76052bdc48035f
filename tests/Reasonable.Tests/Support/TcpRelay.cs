using System.Net;
using System.Net.Sockets;

namespace Reasonable.Tests.Support;

/// <summary>
/// A TCP relay on a loopback port in front of another server (PostgreSQL), so a test can take that server away from
/// one client, as an outage would, without stopping it for everyone else: <see cref="Cut"/> closes every relayed
/// connection and refuses new ones.
/// </summary>
public sealed class TcpRelay : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly List<TcpClient> connections = [];
    private readonly CancellationTokenSource stopping = new();

    public TcpRelay(string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Ends every relayed connection and stops listening: clients now get "connection refused".</summary>
    public void Cut()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        stopping.Cancel();
        listener.Stop();
        lock (connections)
        {
            connections.ForEach(connection => connection.Dispose());
            connections.Clear();
        }
    }

    public void Dispose()
    {
        Cut();
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var server = new TcpClient();
        lock (connections)
        {
            connections.Add(client);
            connections.Add(server);
        }

        try
        {
            await server.ConnectAsync(targetHost, targetPort, stopping.Token);
            var toServer = client.GetStream().CopyToAsync(server.GetStream(), stopping.Token);
            var toClient = server.GetStream().CopyToAsync(client.GetStream(), stopping.Token);
            await Task.WhenAny(toServer, toClient);
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // one side went away (or the relay was cut): close both
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
