using System.Net;
using System.Net.Sockets;

namespace Reasonable.Tests.Support;

/// <summary>Free TCP ports on 127.0.0.1 for the servers the tests start.</summary>
public static class LoopbackPorts
{
    /// <summary>
    /// A free port whose next <paramref name="count"/> − 1 successors are free too (the Mastodon sandbox's second
    /// instance listens on PORT + 1). Free when asked: another process may still take it before the server binds.
    /// </summary>
    public static int Free(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var first = new TcpListener(IPAddress.Loopback, 0);
            first.Start();
            var port = ((IPEndPoint)first.LocalEndpoint).Port;
            if (port + count - 1 <= IPEndPoint.MaxPort && SuccessorsFree(port, count))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free loopback ports.");
    }

    private static bool SuccessorsFree(int port, int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var next = port + 1; next < port + count; next++)
            {
                var listener = new TcpListener(IPAddress.Loopback, next);
                listeners.Add(listener);
                listener.Start();
            }

            return true;
        }
        catch (SocketException)
        {
            return false; // taken: try another run
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }
}
