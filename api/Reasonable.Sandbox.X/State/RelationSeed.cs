namespace Reasonable.Sandbox.X.State;

/// <summary>How a relation starts: some named ids, then <paramref name="SyntheticCount"/> synthetic users from <paramref name="SyntheticStart"/>.</summary>
public sealed record RelationSeed(IReadOnlyList<string> NamedIds, int SyntheticStart, int SyntheticCount)
{
    public List<string> Materialize()
    {
        var ids = new List<string>(NamedIds.Count + SyntheticCount);
        ids.AddRange(NamedIds);
        for (var i = 0; i < SyntheticCount; i++)
        {
            ids.Add(SeedData.SyntheticId(SyntheticStart + i));
        }

        return ids;
    }
}
