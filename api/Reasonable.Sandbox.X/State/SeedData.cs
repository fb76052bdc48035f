using System.Globalization;

namespace Reasonable.Sandbox.X.State;

/// <summary>
/// The deterministic world every fresh sandbox starts with: five named users with fixed ids, their relations, a few
/// lists, and an unbounded range of synthetic users (ids from <see cref="SyntheticBase"/>) that exist only when asked
/// for, so the 100,000-block account costs nothing at start-up.
/// </summary>
public static class SeedData
{
    public const string AliceId = "1000000001";
    public const string BobId = "1000000002";
    public const string CarolId = "1000000003";
    public const string DaveId = "1000000004";
    public const string BulkBlockerId = "1000000005";

    /// <summary>Synthetic user n has id SyntheticBase + n and username <c>user</c> + n (six digits).</summary>
    public const long SyntheticBase = 2_000_000_000;

    public const int SyntheticCount = 1_000_000;

    public const int BulkBlockCount = 100_000;

    private static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<SandboxUser> NamedUsers { get; } =
    [
        new(AliceId, "alice", "Alice Ames", "Blocks liberally, explains herself.", Epoch.AddDays(1), false),
        new(BobId, "bob", "Bob Brooks", "Mostly lurks.", Epoch.AddDays(2), false),
        new(CarolId, "carol", "Carol Chen", "Private account.", Epoch.AddDays(3), true),
        new(DaveId, "dave", "Dave Dunn", "Blocks nobody, mutes nobody.", Epoch.AddDays(4), false),
        new(BulkBlockerId, "bulkblocker", "Bulk Blocker", "100,000 blocks, for benchmarks.", Epoch.AddDays(5), false),
    ];

    /// <summary>Seeded relations: named ids first (most recent first, as X orders them), then a synthetic range.</summary>
    public static RelationSeed Relation(string userId, RelationKind kind) => (userId, kind) switch
    {
        // Alice has more than one default page (100) of blocks and follows, so client loops are exercised.
        (AliceId, RelationKind.Blocking) => new([CarolId], 0, 250),
        (AliceId, RelationKind.Muting) => new([DaveId], 1_000, 30),
        (AliceId, RelationKind.Following) => new([BobId, CarolId], 2_000, 120),
        (BobId, RelationKind.Blocking) => new([DaveId], 5_000, 2),
        (BobId, RelationKind.Muting) => new([AliceId], 0, 0),
        (BobId, RelationKind.Following) => new([AliceId, CarolId, DaveId], 0, 0),
        (CarolId, RelationKind.Blocking) => new([BobId], 7_000, 5),
        (CarolId, RelationKind.Muting) => new([], 7_100, 2),
        (CarolId, RelationKind.Following) => new([AliceId, BobId], 0, 0),
        (DaveId, RelationKind.Following) => new([AliceId], 0, 0),
        (BulkBlockerId, RelationKind.Blocking) => new([], 100_000, BulkBlockCount),
        (BulkBlockerId, RelationKind.Muting) => new([AliceId], 9_000, 1),
        (BulkBlockerId, RelationKind.Following) => new([AliceId, BobId], 0, 0),
        _ => new([], 0, 0),
    };

    /// <summary>Seeded lists: Alice has a public and a private one, Bob a public one.</summary>
    public static IReadOnlyList<SandboxList> Lists { get; } =
    [
        new("1900000000000000001", AliceId, "Friends", "People I actually know", false, Epoch.AddDays(10)),
        new("1900000000000000002", AliceId, "Secret plans", "Nobody else can see this", true, Epoch.AddDays(11)),
        new("1900000000000000003", BobId, "Reading", "Good long threads", false, Epoch.AddDays(12)),
    ];

    /// <summary>The first id handed to a list created through the API.</summary>
    public const long FirstCreatedListId = 1_900_000_000_000_001_000;

    public static string SyntheticId(int n) => (SyntheticBase + n).ToString(CultureInfo.InvariantCulture);

    public static SandboxUser? Find(string id)
    {
        foreach (var user in NamedUsers)
        {
            if (user.Id == id)
            {
                return user;
            }
        }

        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric)
            && numeric >= SyntheticBase && numeric < SyntheticBase + SyntheticCount)
        {
            var n = (int)(numeric - SyntheticBase);
            var label = n.ToString("D6", CultureInfo.InvariantCulture);
            return new SandboxUser(id, "user" + label, "Synthetic " + label, string.Empty, Epoch.AddMinutes(n), false);
        }

        return null;
    }
}
