namespace Reasonable.Sandbox.X.Faults;

/// <summary>The armed faults, first armed first served; each request takes at most one.</summary>
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

    /// <summary>Claims one use of the first fault matching <paramref name="path"/>, or null.</summary>
    public Fault? Take(string path)
    {
        lock (gate)
        {
            var fault = faults.FirstOrDefault(f => path.StartsWith(f.PathPrefix, StringComparison.Ordinal));
            if (fault is null)
            {
                return null;
            }

            if (--fault.Remaining <= 0)
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
            return [.. faults.Select(f => new { path_prefix = f.PathPrefix, kind = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(f.Kind.ToString()), remaining = f.Remaining })];
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
