using System.Net;
using System.Net.Sockets;

namespace Reasonable.Api.Providers;

/// <summary>
/// Keeps requests to servers that strangers name (an instance typed at sign-in) on the public internet: no loopback, private,
/// link-local (cloud metadata at 169.254.169.254), shared (CGNAT), multicast, unspecified or reserved address, in
/// IPv4, IPv6 or an IPv6 form that carries an IPv4 address. <see cref="ConnectAsync"/> resolves the host itself and
/// checks every address before it connects, so a name that resolves to a public address for a check and to a
/// private one for the connection (DNS rebinding) cannot slip through.
/// </summary>
public static class PublicAddressGuard
{
    // IPv4 ranges that are not the public internet: (network, prefix length).
    private static readonly (uint Network, int Prefix)[] NonPublicV4 =
    [
        (0x00000000, 8),   // 0.0.0.0/8 "this network", including the unspecified address
        (0x0A000000, 8),   // 10.0.0.0/8 private
        (0x64400000, 10),  // 100.64.0.0/10 shared address space (CGNAT)
        (0x7F000000, 8),   // 127.0.0.0/8 loopback
        (0xA9FE0000, 16),  // 169.254.0.0/16 link-local, cloud metadata
        (0xAC100000, 12),  // 172.16.0.0/12 private
        (0xC0000000, 24),  // 192.0.0.0/24 IETF protocol assignments
        (0xC0A80000, 16),  // 192.168.0.0/16 private
        (0xC6120000, 15),  // 198.18.0.0/15 benchmarking
        (0xE0000000, 4),   // 224.0.0.0/4 multicast
        (0xF0000000, 4),   // 240.0.0.0/4 reserved, and the broadcast address
    ];

    /// <summary>Whether <paramref name="address"/> is on the public internet.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address.GetAddressBytes()),
            _ => false,
        };
    }

    /// <summary>
    /// A <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host, refuses with a
    /// <see cref="ProviderException"/> (<see cref="ProviderFailure.Rejected"/>) unless every address is public, then
    /// connects to those very addresses.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endPoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        if (!addresses.All(IsPublic))
        {
            throw new ProviderException(ProviderFailure.Rejected, "The server's name leads to an address that is not on the public internet.");
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private static bool IsPublicV4(byte[] bytes)
    {
        var value = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        return !NonPublicV4.Any(range => (value & Mask(range.Prefix)) == range.Network);
    }

    private static bool IsPublicV6(byte[] bytes)
    {
        // ::/96 covers the unspecified and loopback addresses and the deprecated IPv4-compatible form.
        if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return false;
        }

        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach an IPv4 address: judge that one.
        if (bytes.AsSpan(0, 12).SequenceEqual(Nat64Prefix))
        {
            return IsPublicV4(bytes[12..16]);
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return IsPublicV4(bytes[2..6]);
        }

        return !(bytes[0] == 0xFF                                  // ff00::/8 multicast
            || (bytes[0] & 0xFE) == 0xFC                           // fc00::/7 unique local
            || (bytes[0] == 0xFE && (bytes[1] & 0xC0) is 0x80 or 0xC0) // fe80::/10 link-local, fec0::/10 site-local
            || (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8)); // 2001:db8::/32 documentation
    }

    private static readonly byte[] Nat64Prefix = [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0];

    private static uint Mask(int prefix) => prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);
}
