using System.Globalization;

namespace Reasonable.Sandbox.Mastodon.State;

/// <summary>
/// What one instance stores about its users: relations, private notes, lists, and its view of accounts (suspended,
/// moved). One lock guards it all; the sandbox serves tests, not traffic, so simple and obviously correct beats
/// fine-grained. Relations are built from <see cref="SeedData"/> on first touch, which keeps start-up instant.
/// </summary>
public sealed class InstanceState(int index, int instanceCount)
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Actor, RelationKind Kind), RelationTable> relations = [];
    private readonly Dictionary<(string Author, string Target), string> notes = [];
    private readonly SortedDictionary<long, MastodonList> lists = [];
    private readonly HashSet<string> suspended = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> moves = new(StringComparer.Ordinal);
    private DateTimeOffset seededAt;
    private long nextRowId;
    private long nextListId;

    public void Reset(DateTimeOffset now)
    {
        lock (gate)
        {
            seededAt = now;
            relations.Clear();
            notes.Clear();
            lists.Clear();
            suspended.Clear();
            moves.Clear();
            foreach (var note in SeedData.Notes.Where(n => SeedData.IsOn(n.AuthorId, index) && Exists(n.TargetId)))
            {
                notes[(note.AuthorId, note.TargetId)] = note.Comment;
            }

            foreach (var list in SeedData.Lists.Where(l => SeedData.IsOn(l.OwnerId, index)))
            {
                lists[long.Parse(list.Id, CultureInfo.InvariantCulture)] = list;
            }

            foreach (var (from, to) in SeedData.Moves.Where(m => SeedData.IsOn(m.From, index) && Exists(m.To)))
            {
                moves[from] = to;
            }

            nextRowId = SeedData.FirstCreatedRowId;
            nextListId = SeedData.FirstCreatedListId;
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> active rows, newest first, with row id below <paramref name="maxId"/> and above
    /// <paramref name="sinceId"/>, keeping only targets <paramref name="include"/> accepts (before the limit, as SQL
    /// would). <paramref name="include"/> runs under this instance's lock, so it must not take another.
    /// </summary>
    public IReadOnlyList<RelationRow> Page(string actor, RelationKind kind, long? maxId, long? sinceId, int limit, Func<string, bool> include, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(include);
        lock (gate)
        {
            var page = new List<RelationRow>(Math.Min(limit, 80));
            foreach (var row in Existing(actor, kind)?.Rows ?? [])
            {
                if (page.Count >= limit || (sinceId is { } since && row.RowId <= since))
                {
                    break;
                }

                if ((maxId is null || row.RowId < maxId) && row.IsActive(now) && include(row.TargetId))
                {
                    page.Add(row);
                }
            }

            return page;
        }
    }

    /// <summary>Every row, expired mutes included (for control read-back).</summary>
    public IReadOnlyList<RelationRow> Rows(string actor, RelationKind kind)
    {
        lock (gate)
        {
            return [.. Existing(actor, kind)?.Rows ?? []];
        }
    }

    public int Count(string actor, RelationKind kind, DateTimeOffset now)
    {
        lock (gate)
        {
            return Existing(actor, kind)?.Rows.Count(r => r.IsActive(now)) ?? 0;
        }
    }

    /// <summary>The active row, or null (an expired mute counts as gone).</summary>
    public RelationRow? Find(string actor, RelationKind kind, string target, DateTimeOffset now)
    {
        lock (gate)
        {
            return Existing(actor, kind)?.Find(target) is { } row && row.IsActive(now) ? row : null;
        }
    }

    /// <summary>
    /// Creates the relation as the newest row, or updates an active one in place (same row id: a second mute changes its
    /// duration and notifications, as Mastodon's does).
    /// </summary>
    public RelationRow Put(string actor, RelationKind kind, string target, DateTimeOffset? expiresAt, bool notifications, DateTimeOffset now)
    {
        lock (gate)
        {
            var table = Table(actor, kind);
            var existing = table.Find(target);
            var row = existing is not null && existing.IsActive(now)
                ? existing with { ExpiresAt = kind == RelationKind.Mute ? expiresAt : existing.ExpiresAt, Notifications = notifications }
                : new RelationRow(nextRowId++, target, expiresAt, notifications);
            table.Put(row);
            return row;
        }
    }

    public bool Remove(string actor, RelationKind kind, string target)
    {
        lock (gate)
        {
            return Existing(actor, kind)?.Remove(target) ?? false;
        }
    }

    public string? Note(string author, string target)
    {
        lock (gate)
        {
            return notes.GetValueOrDefault((author, target));
        }
    }

    /// <summary>Stores the note; an empty comment deletes it, as Mastodon's does.</summary>
    public void SetNote(string author, string target, string comment)
    {
        lock (gate)
        {
            if (comment.Length == 0)
            {
                notes.Remove((author, target));
            }
            else
            {
                notes[(author, target)] = comment;
            }
        }
    }

    public IReadOnlyDictionary<string, string> NotesBy(string author)
    {
        lock (gate)
        {
            return notes.Where(n => n.Key.Author == author).ToDictionary(n => n.Key.Target, n => n.Value, StringComparer.Ordinal);
        }
    }

    /// <summary>The owner's lists, oldest first.</summary>
    public IReadOnlyList<MastodonList> ListsOf(string owner)
    {
        lock (gate)
        {
            return [.. lists.Values.Where(l => l.OwnerId == owner)];
        }
    }

    /// <summary>The list if <paramref name="owner"/> owns it (null owner: whoever does).</summary>
    public MastodonList? FindList(string id, string? owner)
    {
        lock (gate)
        {
            return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key)
                && lists.TryGetValue(key, out var list) && (owner is null || list.OwnerId == owner) ? list : null;
        }
    }

    public MastodonList CreateList(string owner, string title, RepliesPolicy repliesPolicy, bool exclusive)
    {
        lock (gate)
        {
            var id = nextListId++;
            var list = new MastodonList(id.ToString(CultureInfo.InvariantCulture), owner, title, repliesPolicy, exclusive);
            lists[id] = list;
            return list;
        }
    }

    public MastodonList? UpdateList(string id, string? title, RepliesPolicy? repliesPolicy, bool? exclusive)
    {
        lock (gate)
        {
            if (FindList(id, null) is not { } list)
            {
                return null;
            }

            list = list with { Title = title ?? list.Title, RepliesPolicy = repliesPolicy ?? list.RepliesPolicy, Exclusive = exclusive ?? list.Exclusive };
            lists[long.Parse(id, CultureInfo.InvariantCulture)] = list;
            return list;
        }
    }

    public bool DeleteList(string id)
    {
        lock (gate)
        {
            return FindList(id, null) is not null && lists.Remove(long.Parse(id, CultureInfo.InvariantCulture));
        }
    }

    public bool IsSuspended(string accountId)
    {
        lock (gate)
        {
            return suspended.Contains(accountId);
        }
    }

    /// <summary>A copy, so callers can filter without holding this instance's lock.</summary>
    public IReadOnlySet<string> Suspended()
    {
        lock (gate)
        {
            return new HashSet<string>(suspended, StringComparer.Ordinal);
        }
    }

    public void SetSuspended(string accountId, bool value)
    {
        lock (gate)
        {
            _ = value ? suspended.Add(accountId) : suspended.Remove(accountId);
        }
    }

    public string? MovedTo(string accountId)
    {
        lock (gate)
        {
            return moves.GetValueOrDefault(accountId);
        }
    }

    public void SetMovedTo(string accountId, string? targetId)
    {
        lock (gate)
        {
            if (targetId is null)
            {
                moves.Remove(accountId);
            }
            else
            {
                moves[accountId] = targetId;
            }
        }
    }

    private bool Exists(string accountId) =>
        Accounts.AccountIds.TryParse(accountId, out var home, out _) && home < instanceCount;

    /// <summary>The table for writing, created empty if the actor has none.</summary>
    private RelationTable Table(string actor, RelationKind kind)
    {
        if (Existing(actor, kind) is { } table)
        {
            return table;
        }

        table = new RelationTable();
        relations[(actor, kind)] = table;
        return table;
    }

    /// <summary>The table, built from the seed on first touch; null (and nothing stored) for an actor without rows, such as the 50,000 synthetic accounts.</summary>
    private RelationTable? Existing(string actor, RelationKind kind)
    {
        if (relations.TryGetValue((actor, kind), out var table))
        {
            return table;
        }

        var targets = SeedData.IsOn(actor, index) ? SeedData.Relation(actor, kind).Targets(instanceCount).ToList() : [];
        if (targets.Count == 0)
        {
            return null;
        }

        table = new RelationTable();
        var first = SeedData.FirstRowId(actor, kind);
        for (var i = 0; i < targets.Count; i++)
        {
            var expiry = kind == RelationKind.Mute
                ? SeedData.MuteExpiries.Where(e => e.Actor == actor && e.Target == targets[i]).Select(e => (DateTimeOffset?)(seededAt + e.ExpiresIn)).FirstOrDefault()
                : null;
            table.AppendOlder(new RelationRow(first + targets.Count - 1 - i, targets[i], expiry, true));
        }

        relations[(actor, kind)] = table;
        return table;
    }
}
