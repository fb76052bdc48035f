namespace Reasonable.Sandbox.Mastodon.State;

/// <summary>One actor's rows of one relation kind, newest (highest row id) first. Not thread-safe: <see cref="InstanceState"/> locks.</summary>
public sealed class RelationTable
{
    private readonly List<RelationRow> rows = [];
    private readonly Dictionary<string, RelationRow> byTarget = new(StringComparer.Ordinal);

    public IReadOnlyList<RelationRow> Rows => rows;

    public RelationRow? Find(string targetId) => byTarget.GetValueOrDefault(targetId);

    /// <summary>Appends an older row (seeding goes newest first).</summary>
    public void AppendOlder(RelationRow row)
    {
        rows.Add(row);
        byTarget[row.TargetId] = row;
    }

    /// <summary>Puts a row in place of the target's current one, or as the newest when it has a new row id.</summary>
    public void Put(RelationRow row)
    {
        if (byTarget.TryGetValue(row.TargetId, out var old))
        {
            if (old.RowId == row.RowId)
            {
                rows[rows.IndexOf(old)] = row;
                byTarget[row.TargetId] = row;
                return;
            }

            rows.Remove(old);
        }

        rows.Insert(0, row);
        byTarget[row.TargetId] = row;
    }

    public bool Remove(string targetId)
    {
        if (!byTarget.Remove(targetId, out var row))
        {
            return false;
        }

        rows.Remove(row);
        return true;
    }
}
