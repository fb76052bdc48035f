using Reasonable.Api.Accounts;
using Reasonable.Api.Data;
using Reasonable.Api.Providers;
using Reasonable.Api.Reasons;
using Reasonable.Crypto;

namespace Reasonable.Api.Importing;

/// <summary>
/// Works out what a file adds to the user's accounts without writing anything. Accounts are found the way sync finds
/// them, by the provider id's blind index (compared after decrypting), or by handle when the file has only handles;
/// so an account the user has is matched, never added twice, and importing the same file again adds nothing.
/// What a file says never overrides what sync saw: a relation sync knows is left as it is; a relation the account has
/// no record of is added, marked <see cref="RelationState.Unconfirmed"/> while active, with the file's own dates when
/// it has them and the import's time when it has none.
/// </summary>
public sealed class ImportPlanner
{
    private readonly UserKeyRing keys;
    private readonly DateTimeOffset now;
    private readonly IReadOnlyDictionary<string, ProviderProfile?>? lookups;
    private readonly Dictionary<string, Target> byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Target> byHandle = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> unreadable = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<Relation>> pending = new(StringComparer.OrdinalIgnoreCase);
    private readonly ImportPlan plan = new();

    /// <param name="lookups">
    /// What the provider answered for each address the file names that no account here has (null answer: no such
    /// account). Null for a preview: such addresses are counted in <see cref="ImportPlan.ToLookUp"/> instead.
    /// </param>
    private ImportPlanner(UserKeyRing keys, DateTimeOffset now, IReadOnlyDictionary<string, ProviderProfile?>? lookups)
    {
        this.keys = keys;
        this.now = now;
        this.lookups = lookups;
    }

    public static (ImportPlan Plan, IReadOnlyCollection<string> HandlesToLookUp) Plan(
        UserKeyRing keys,
        IReadOnlyList<ImportedAccount> entries,
        IReadOnlyList<AccountRow> accounts,
        IReadOnlyList<ReasonRow> reasons,
        IReadOnlyDictionary<string, ProviderProfile?>? lookups,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(reasons);
        var planner = new ImportPlanner(keys, now, lookups);
        planner.Load(accounts, reasons);
        foreach (var entry in entries)
        {
            planner.Add(entry);
        }

        planner.Seal();
        return (planner.plan, planner.pending.Keys); // the addresses no account has, to look up (filled while planning a preview)
    }

    /// <summary>The user's accounts as they are, opened; those that fail their integrity check are only remembered by index.</summary>
    private void Load(IReadOnlyList<AccountRow> accounts, IReadOnlyList<ReasonRow> reasons)
    {
        var byRow = new Dictionary<Guid, Target>();
        foreach (var row in accounts)
        {
            AccountDocument document;
            try
            {
                document = AccountCipher.Open(keys, row);
            }
            catch (CiphertextException)
            {
                unreadable.Add(Convert.ToHexString(row.ProviderAccountIdIndex));
                continue;
            }

            var target = new Target(row.Id, document, row, row.CreatedAt, row.LastActivityAt);
            byId[document.ProviderAccountId] = target;
            if (document.Handle.Length > 0)
            {
                byHandle.TryAdd(document.Handle, target);
            }

            byRow[row.Id] = target;
        }

        foreach (var reason in reasons)
        {
            if (byRow.TryGetValue(reason.AccountId, out var target) && ReasonView.TryOpen(keys, reason) is { } view)
            {
                target.ReasonKeys.Add((view.Content.Action, view.Content.Text, reason.CreatedAt));
            }
        }
    }

    private void Add(ImportedAccount entry)
    {
        if (entry.AccountId is { } givenId && unreadable.Contains(Convert.ToHexString(BlindIndexes.ProviderAccountId(keys, givenId))))
        {
            plan.Skips.Add((entry.Line, ImportSkipReason.Unreadable));
            return;
        }

        var target = entry.AccountId is { } id ? byId.GetValueOrDefault(id) : entry.Handle is { } handle ? byHandle.GetValueOrDefault(handle) : null;
        var isNew = false;
        if (target is null)
        {
            target = NewTarget(entry);
            if (target is null)
            {
                return; // skipped, or waiting for a lookup
            }

            isNew = true;
        }

        var skip = AddRelations(target, entry);
        AddReasons(target, entry);
        if (skip is { } reason)
        {
            plan.Skips.Add((entry.Line, reason));
        }
        else if (isNew)
        {
            plan.Added++;
        }
        else
        {
            plan.Matched++;
        }

        target.InFile = true;
    }

    /// <summary>A new account for the entry, or null when it is skipped or (in a preview) still to be looked up.</summary>
    private Target? NewTarget(ImportedAccount entry)
    {
        var id = entry.AccountId;
        ProviderProfile? profile = null;
        if (id is null)
        {
            var handle = entry.Handle!;
            if (lookups is null)
            {
                CountPending(entry, handle);
                return null;
            }

            if (lookups.GetValueOrDefault(handle) is not { } found)
            {
                plan.Skips.Add((entry.Line, ImportSkipReason.NotFound));
                return null;
            }

            profile = found;
            id = found.Id;
            if (unreadable.Contains(Convert.ToHexString(BlindIndexes.ProviderAccountId(keys, id))))
            {
                plan.Skips.Add((entry.Line, ImportSkipReason.Unreadable));
                return null;
            }

            if (byId.GetValueOrDefault(id) is { } known)
            {
                byHandle.TryAdd(handle, known); // the same account under the address the file uses
                return known;
            }
        }

        var document = new AccountDocument(
            id,
            profile?.Handle ?? entry.Handle ?? string.Empty,
            profile?.DisplayName ?? entry.Profile?.DisplayName,
            profile?.AvatarUrl?.AbsoluteUri ?? entry.Profile?.AvatarUrl,
            null,
            null,
            null,
            profile?.ProfileUrl?.AbsoluteUri ?? entry.Profile?.ProfileUrl,
            profile?.MovedTo ?? entry.Profile?.MovedTo);
        var target = new Target(Guid.CreateVersion7(), document, null, entry.Profile?.CreatedAt ?? now, entry.Profile?.LastActivityAt ?? now);
        byId[id] = target;
        if (entry.Handle is { } fileHandle)
        {
            byHandle.TryAdd(fileHandle, target);
        }

        return target;
    }

    /// <summary>A preview cannot look addresses up: each new one counts as added, to be looked up on confirming.</summary>
    private void CountPending(ImportedAccount entry, string handle)
    {
        if (!pending.TryGetValue(handle, out var relations))
        {
            pending[handle] = relations = [];
            plan.ToLookUp++;
        }

        if (entry.Relations.All(relation => !relations.Add(relation.Relation)))
        {
            plan.Skips.Add((entry.Line, ImportSkipReason.DuplicateInFile));
        }
        else
        {
            plan.Added++;
        }
    }

    /// <summary>Adds the relations the account has no record of; says why the entry is skipped when it adds nothing it could.</summary>
    private ImportSkipReason? AddRelations(Target target, ImportedAccount entry)
    {
        if (target.InFile && entry.Relations.All(relation => target.FileRelations.Contains(relation.Relation)))
        {
            return ImportSkipReason.DuplicateInFile;
        }

        ImportSkipReason? skip = null;
        foreach (var (relation, state) in entry.Relations)
        {
            if (!target.FileRelations.Add(relation))
            {
                continue;
            }

            var current = target.Document.Get(relation);
            if (current is null)
            {
                var imported = state is null ? RelationState.Imported(now) : state.Active ? state with { Unconfirmed = true } : state;
                target.Document = target.Document.With(relation, imported);
                target.Changed = true;
                plan.RelationsAdded++;
            }
            else if (!current.Active && state is null)
            {
                skip = ImportSkipReason.RelationEnded;
            }
        }

        return skip;
    }

    private void AddReasons(Target target, ImportedAccount entry)
    {
        foreach (var reason in entry.Reasons)
        {
            if (!target.ReasonKeys.Add((reason.Action, reason.Text, reason.CreatedAt)))
            {
                plan.ReasonsMatched++;
                continue;
            }

            var content = new ReasonContent(target.Id, reason.Version, reason.Action, reason.Text, reason.Tags, reason.OccurredAt);
            plan.Reasons.Add(ReasonCipher.Seal(keys, Guid.CreateVersion7(), content, reason.CreatedAt, reason.UpdatedAt));
            plan.ReasonsAdded++;
            if (target.Row is not null && reason.CreatedAt > target.LastActivityAt)
            {
                target.LastActivityAt = reason.CreatedAt; // as a new reason marks its account active
                target.Changed = true;
            }
        }
    }

    /// <summary>Seals every new and changed account.</summary>
    private void Seal()
    {
        foreach (var target in byId.Values.Distinct())
        {
            if (target.Row is null)
            {
                plan.Inserts.Add(AccountCipher.Seal(keys, target.Id, target.Document, target.LastActivityAt, target.CreatedAt, now));
            }
            else if (target.Changed)
            {
                plan.Updates.Add(AccountCipher.Seal(keys, target.Id, target.Document, target.LastActivityAt, target.CreatedAt, now));
            }
        }
    }

    private sealed class Target(Guid id, AccountDocument document, AccountRow? row, DateTimeOffset createdAt, DateTimeOffset lastActivityAt)
    {
        public Guid Id { get; } = id;

        public AccountRow? Row { get; } = row;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public AccountDocument Document { get; set; } = document;

        public DateTimeOffset LastActivityAt { get; set; } = lastActivityAt;

        public bool Changed { get; set; }

        public bool InFile { get; set; }

        public HashSet<Relation> FileRelations { get; } = [];

        public HashSet<(string Action, string Text, DateTimeOffset CreatedAt)> ReasonKeys { get; } = [];
    }
}
