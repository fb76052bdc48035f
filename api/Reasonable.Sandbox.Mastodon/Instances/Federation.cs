using Reasonable.Sandbox.Mastodon.Accounts;

namespace Reasonable.Sandbox.Mastodon.Instances;

/// <summary>
/// Every instance this process runs, and the accounts of all of them: one small fediverse in which each instance can
/// see the others' accounts (as remote ones), so cross-instance blocks and follows work as they do between servers.
/// </summary>
public sealed class Federation
{
    private readonly SandboxClock clock;
    private readonly Dictionary<int, Instance> byPort;

    public Federation(MastodonSandboxOptions options, SandboxClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.clock = clock;
        Instances = [.. options.Instances.Select((domain, i) => new Instance(i, domain, options.Port + i, options.Instances.Count, clock, options.RateLimitsEnabled))];
        byPort = Instances.ToDictionary(i => i.Port);
        Reset();
    }

    public IReadOnlyList<Instance> Instances { get; }

    public Instance? ByPort(int port) => byPort.GetValueOrDefault(port);

    public Instance? ByDomain(string domain) =>
        Instances.FirstOrDefault(i => string.Equals(i.Domain, domain, StringComparison.OrdinalIgnoreCase));

    public Instance Home(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return Instances[account.HomeIndex];
    }

    public Account? FindAccount(string? id)
    {
        if (!AccountIds.TryParse(id, out var instance, out var number) || instance >= Instances.Count)
        {
            return null;
        }

        return number >= AccountIds.SyntheticOffset
            ? SeedAccounts.Synthetic(instance, number - AccountIds.SyntheticOffset)
            : SeedAccounts.Named(instance).FirstOrDefault(a => a.Id == id);
    }

    /// <summary>The account called <paramref name="username"/> (case-insensitive, as Mastodon matches) on <paramref name="instance"/>.</summary>
    public Account? FindAccount(Instance instance, string username)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(username);
        var named = SeedAccounts.Named(instance.Index).FirstOrDefault(a => string.Equals(a.Username, username, StringComparison.OrdinalIgnoreCase));
        if (named is not null)
        {
            return named;
        }

        return username.Length == 10 && username.StartsWith("user", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(username.AsSpan(4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? SeedAccounts.Synthetic(instance.Index, n)
            : null;
    }

    /// <summary>Every instance back to its seed, and the clock back to real time.</summary>
    public void Reset()
    {
        clock.Reset();
        var now = clock.GetUtcNow();
        foreach (var instance in Instances)
        {
            instance.Reset(now);
        }
    }
}
