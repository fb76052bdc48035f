using Reasonable.Sandbox.Mastodon.Accounts;

namespace Reasonable.Sandbox.Mastodon.State;

/// <summary>How a relation starts: some named targets (most recent first), then ranges of synthetic accounts.</summary>
public sealed record RelationSeed(IReadOnlyList<string> Named, IReadOnlyList<SyntheticRange> Synthetic)
{
    public static readonly RelationSeed Empty = new([], []);

    /// <summary>Target ids, most recent first, leaving out accounts of instances this process does not run.</summary>
    public IEnumerable<string> Targets(int instanceCount)
    {
        foreach (var id in Named)
        {
            if (AccountIds.TryParse(id, out var instance, out _) && instance < instanceCount)
            {
                yield return id;
            }
        }

        foreach (var range in Synthetic.Where(r => r.Instance < instanceCount))
        {
            for (var n = range.Start; n < range.Start + range.Count; n++)
            {
                yield return AccountIds.Synthetic(range.Instance, n);
            }
        }
    }
}
