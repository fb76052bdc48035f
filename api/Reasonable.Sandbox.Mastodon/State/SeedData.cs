using Reasonable.Sandbox.Mastodon.Accounts;

namespace Reasonable.Sandbox.Mastodon.State;

/// <summary>
/// The deterministic relations, notes, lists and moves of a fresh sandbox (accounts are in <see cref="SeedAccounts"/>).
/// Counts below are for the default two instances; targets on an instance that is not running are left out.
/// </summary>
public static class SeedData
{
    public const int BulkBlockCount = 50_000;

    /// <summary>Row ids of seeded relation slot s lie in [SlotBase + s·SlotSize, …); API-made rows come after all of them.</summary>
    public const long SlotBase = 100_000;
    public const long SlotSize = 100_000;
    public const long FirstCreatedRowId = 10_000_000;

    /// <summary>The first id of a list created through the API (seeded lists have small ids).</summary>
    public const long FirstCreatedListId = 1_000;

    private static readonly (string Actor, RelationKind Kind, RelationSeed Seed)[] Relations =
    [
        // Alice: more than one full page (80) of each, across both instances, so client loops are exercised.
        (SeedAccounts.AliceId, RelationKind.Block, new([SeedAccounts.CarolId, SeedAccounts.OldHandleId, SeedAccounts.ScripterId, SeedAccounts.RtlId], [new(0, 0, 200), new(1, 0, 47)])),
        (SeedAccounts.AliceId, RelationKind.Mute, new([SeedAccounts.DaveId, SeedAccounts.BobId, SeedAccounts.RainbowId], [new(0, 1_000, 28)])),
        (SeedAccounts.AliceId, RelationKind.Follow, new([SeedAccounts.BobId, SeedAccounts.DaveId, SeedAccounts.NewHandleId, SeedAccounts.RainbowId], [new(0, 2_000, 100), new(1, 2_000, 18)])),
        (SeedAccounts.BobId, RelationKind.Block, new([SeedAccounts.DaveId], [new(0, 5_000, 2)])),
        (SeedAccounts.BobId, RelationKind.Mute, new([SeedAccounts.AliceId], [])),
        (SeedAccounts.BobId, RelationKind.Follow, new([SeedAccounts.AliceId, SeedAccounts.NewHandleId, SeedAccounts.RainbowId], [])),
        (SeedAccounts.BulkBlockerId, RelationKind.Block, new([], [new(0, 100_000, BulkBlockCount)])),
        (SeedAccounts.BulkBlockerId, RelationKind.Mute, new([SeedAccounts.AliceId], [])),
        (SeedAccounts.BulkBlockerId, RelationKind.Follow, new([SeedAccounts.AliceId, SeedAccounts.BobId], [])),
        (SeedAccounts.CarolId, RelationKind.Block, new([SeedAccounts.BobId], [new(1, 7_000, 5)])),
        (SeedAccounts.CarolId, RelationKind.Mute, new([], [new(1, 7_100, 2)])),
        (SeedAccounts.CarolId, RelationKind.Follow, new([SeedAccounts.DaveId, SeedAccounts.NewHandleId], [])),
        (SeedAccounts.DaveId, RelationKind.Follow, new([SeedAccounts.CarolId, SeedAccounts.AliceId], [])),
    ];

    /// <summary>Mutes that end on their own, counted from the moment the sandbox was (re)seeded.</summary>
    public static IReadOnlyList<(string Actor, string Target, TimeSpan ExpiresIn)> MuteExpiries { get; } =
    [
        (SeedAccounts.AliceId, SeedAccounts.BobId, TimeSpan.FromHours(1)),
        (SeedAccounts.AliceId, SeedAccounts.RainbowId, TimeSpan.FromDays(7)),
        (SeedAccounts.AliceId, AccountIds.Synthetic(0, 1_000), TimeSpan.FromDays(30)),
    ];

    public static IReadOnlyList<SeedNote> Notes { get; } =
    [
        new(SeedAccounts.AliceId, SeedAccounts.CarolId, "Harassed me in the March thread."),
        new(SeedAccounts.AliceId, SeedAccounts.OldHandleId, "Spam account; moved to @newhandle."),
        new(SeedAccounts.AliceId, SeedAccounts.ScripterId, "Posted <script> tags at me & my friends."),
        new(SeedAccounts.AliceId, AccountIds.Synthetic(0, 0), "Reply guy."),
        new(SeedAccounts.AliceId, AccountIds.Synthetic(1, 0), "Brigading from social.example."),
        new(SeedAccounts.BobId, SeedAccounts.DaveId, "Loud."),
    ];

    public static IReadOnlyList<MastodonList> Lists { get; } =
    [
        new("101", SeedAccounts.AliceId, "Friends", RepliesPolicy.Followed, false),
        new("102", SeedAccounts.AliceId, "Reading", RepliesPolicy.List, true),
        new("103", SeedAccounts.BobId, "Family", RepliesPolicy.None, false),
        new("201", SeedAccounts.CarolId, "Close friends", RepliesPolicy.List, false),
    ];

    /// <summary>Accounts that moved (old id → new id), as the instance of the old account knows it.</summary>
    public static IReadOnlyList<(string From, string To)> Moves { get; } = [(SeedAccounts.OldHandleId, SeedAccounts.NewHandleId)];

    public static RelationSeed Relation(string actorId, RelationKind kind) =>
        Relations.FirstOrDefault(r => r.Actor == actorId && r.Kind == kind).Seed ?? RelationSeed.Empty;

    /// <summary>The first row id of the seeded relation; rows count up from it, the most recent highest.</summary>
    public static long FirstRowId(string actorId, RelationKind kind)
    {
        var slot = Array.FindIndex(Relations, r => r.Actor == actorId && r.Kind == kind);
        return SlotBase + (Math.Max(slot, 0) * SlotSize);
    }

    /// <summary>Whether <paramref name="id"/> belongs to the instance at <paramref name="instance"/>.</summary>
    public static bool IsOn(string id, int instance) => AccountIds.TryParse(id, out var home, out _) && home == instance;
}
