using System.Globalization;

namespace Reasonable.Sandbox.X.State;

/// <summary>
/// Everything users own: relations and lists. One lock guards it all; the sandbox serves tests, not traffic, so
/// simple and obviously correct beats fine-grained. Relations are materialized from <see cref="SeedData"/> on first
/// touch, which keeps start-up instant despite the 100,000-block account.
/// </summary>
public sealed class SandboxState
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string UserId, RelationKind Kind), List<string>> relations = [];
    private readonly Dictionary<string, SandboxList> lists = new(StringComparer.Ordinal);
    private long nextListId;

    public SandboxState() => Reset();

    public void Reset()
    {
        lock (gate)
        {
            relations.Clear();
            lists.Clear();
            foreach (var list in SeedData.Lists)
            {
                lists[list.Id] = list;
            }

            nextListId = SeedData.FirstCreatedListId;
        }
    }

    /// <summary>A copy of ids [offset, offset+count) of a relation, and the relation's current size.</summary>
    public (IReadOnlyList<string> Ids, int Total) RelationSlice(string userId, RelationKind kind, int offset, int count)
    {
        lock (gate)
        {
            var ids = Relation(userId, kind);
            var start = Math.Min(offset, ids.Count);
            var length = Math.Min(count, ids.Count - start);
            return (ids.GetRange(start, length), ids.Count);
        }
    }

    public int RelationCount(string userId, RelationKind kind)
    {
        lock (gate)
        {
            if (relations.TryGetValue((userId, kind), out var ids))
            {
                return ids.Count;
            }

            var seed = SeedData.Relation(userId, kind);
            return seed.NamedIds.Count + seed.SyntheticCount;
        }
    }

    /// <summary>Adds <paramref name="targetId"/> as the most recent entry; false if already present.</summary>
    public bool AddRelation(string userId, RelationKind kind, string targetId)
    {
        lock (gate)
        {
            var ids = Relation(userId, kind);
            if (ids.Contains(targetId))
            {
                return false;
            }

            ids.Insert(0, targetId);
            return true;
        }
    }

    public bool RemoveRelation(string userId, RelationKind kind, string targetId)
    {
        lock (gate)
        {
            return Relation(userId, kind).Remove(targetId);
        }
    }

    public SandboxList CreateList(string ownerId, string name, string description, bool isPrivate, DateTimeOffset now)
    {
        lock (gate)
        {
            var id = (nextListId++).ToString(CultureInfo.InvariantCulture);
            var list = new SandboxList(id, ownerId, name, description, isPrivate, now);
            lists[id] = list;
            return list;
        }
    }

    public SandboxList? FindList(string id)
    {
        lock (gate)
        {
            return lists.GetValueOrDefault(id);
        }
    }

    /// <summary>The owner's lists, newest first.</summary>
    public IReadOnlyList<SandboxList> ListsOwnedBy(string ownerId)
    {
        lock (gate)
        {
            return [.. lists.Values.Where(l => l.OwnerId == ownerId).OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id.Length).ThenByDescending(l => l.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>Applies the given changes (null = unchanged); null when the list does not exist.</summary>
    public SandboxList? UpdateList(string id, string? name, string? description, bool? isPrivate)
    {
        lock (gate)
        {
            if (!lists.TryGetValue(id, out var list))
            {
                return null;
            }

            list = list with
            {
                Name = name ?? list.Name,
                Description = description ?? list.Description,
                Private = isPrivate ?? list.Private,
            };
            lists[id] = list;
            return list;
        }
    }

    public bool DeleteList(string id)
    {
        lock (gate)
        {
            return lists.Remove(id);
        }
    }

    private List<string> Relation(string userId, RelationKind kind)
    {
        if (!relations.TryGetValue((userId, kind), out var ids))
        {
            ids = SeedData.Relation(userId, kind).Materialize();
            relations[(userId, kind)] = ids;
        }

        return ids;
    }
}
