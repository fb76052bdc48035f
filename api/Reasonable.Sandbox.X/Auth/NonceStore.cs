using System.Collections.Concurrent;

namespace Reasonable.Sandbox.X.Auth;

/// <summary>
/// Nonces seen per (consumer, token, timestamp), kept while their timestamp is inside the accepted window: after that
/// the timestamp check rejects a replay anyway (RFC 5849 §3.3).
/// </summary>
public sealed class NonceStore(SandboxOptions options)
{
    private readonly ConcurrentDictionary<string, long> seen = new(StringComparer.Ordinal);

    /// <summary>Records the nonce; false when it was already used with the same consumer, token and timestamp.</summary>
    public bool TryUse(string consumerKey, string? token, string timestamp, string nonce, DateTimeOffset now)
    {
        if (seen.Count > 10_000)
        {
            Prune(now);
        }

        var key = string.Join('\n', consumerKey, token ?? string.Empty, timestamp, nonce);
        var keepUntil = now.ToUnixTimeSeconds() + (long)(2 * options.TimestampSkew.TotalSeconds);
        return seen.TryAdd(key, keepUntil);
    }

    public void Reset() => seen.Clear();

    private void Prune(DateTimeOffset now)
    {
        var cutoff = now.ToUnixTimeSeconds();
        foreach (var (key, keepUntil) in seen)
        {
            if (keepUntil < cutoff)
            {
                seen.TryRemove(key, out _);
            }
        }
    }
}
