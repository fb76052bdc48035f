using System.Text.Json;

namespace Reasonable.Sandbox.Mastodon.Faults;

/// <summary>One instance's armed faults, first armed first served; each request takes at most one.</summary>
public sealed class FaultInjector
{
    private readonly Lock gate = new();
    private readonly List<Fault> faults = [];

    public void Arm(Fault fault)
    {
        lock (gate)
        {
            faults.Add(fault);
        }
    }

    /// <summary>Claims one use of the first matching fault, or null.</summary>
    public Fault? Take(string method, string path)
    {
        lock (gate)
        {
            var fault = faults.FirstOrDefault(f => f.Matches(method, path));
            if (fault is not null && --fault.Remaining <= 0)
            {
                faults.Remove(fault);
            }

            return fault;
        }
    }

    public IReadOnlyList<object> Describe()
    {
        lock (gate)
        {
            return [.. faults.Select(f => new { path_prefix = f.PathPrefix, method = f.Method, kind = JsonNamingPolicy.SnakeCaseLower.ConvertName(f.Kind.ToString()), remaining = f.Remaining })];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }
}
