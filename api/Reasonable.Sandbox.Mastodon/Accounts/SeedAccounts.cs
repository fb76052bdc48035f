namespace Reasonable.Sandbox.Mastodon.Accounts;

/// <summary>
/// The named accounts every fresh sandbox starts with, by instance position: the first instance (fedi.example by
/// default) holds the people whose lists Reasonable reads, the second (social.example) the people they block, mute
/// and follow across instances, among them accounts with hostile display names. Further instances get one admin.
/// </summary>
public static class SeedAccounts
{
    public const string AliceId = "109000000000000001";
    public const string BobId = "109000000000000002";
    public const string BulkBlockerId = "109000000000000003";
    public const string OldHandleId = "109000000000000004";
    public const string NewHandleId = "109000000000000005";

    public const string CarolId = "109001000000000001";
    public const string DaveId = "109001000000000002";
    public const string RainbowId = "109001000000000003";
    public const string RtlId = "109001000000000004";
    public const string ScripterId = "109001000000000005";
    public const string LongNameId = "109001000000000006";

    /// <summary>Markup and quotes that must stay data: a client that renders it as HTML runs the script.</summary>
    public const string ScripterDisplayName = "<script>alert('owned')</script> & \"friends\"";

    /// <summary>Arabic and Hebrew around a right-to-left override that flips "exe.png" into "gnp.exe".</summary>
    public const string RtlDisplayName = "مرحبا \u202Egnp.exe\u202C עולם";

    public const string RainbowDisplayName = "🌈 Rainbow 🦄 Unicorn 🎉👩‍👩‍👧‍👦";

    public static readonly string LongDisplayName = string.Concat(Enumerable.Repeat("Very long display name, ", 13)) + "the end";

    private static readonly DateTimeOffset Epoch = new(2022, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Account[] First =
    [
        new(AliceId, 0, "alice", "Alice Ames", "Blocks liberally, explains herself.", Epoch.AddDays(1)) { FollowersCount = 321, StatusesCount = 1234 },
        new(BobId, 0, "bob", "Bob Brooks", "Mostly lurks.", Epoch.AddDays(2)) { FollowersCount = 12, StatusesCount = 40 },
        new(BulkBlockerId, 0, "bulkblocker", "Bulk Blocker", "50,000 blocks, for benchmarks.", Epoch.AddDays(3)) { StatusesCount = 1 },
        new(OldHandleId, 0, "oldhandle", "Old Handle", "I moved, follow my new account.", Epoch.AddDays(4)) { FollowersCount = 7 },
        new(NewHandleId, 0, "newhandle", "New Handle", "Where Old Handle lives now.", Epoch.AddDays(5)) { FollowersCount = 9, StatusesCount = 3 },
    ];

    private static readonly Account[] Second =
    [
        new(CarolId, 1, "carol", "Carol Chen", "Approves followers by hand.", Epoch.AddDays(6)) { Locked = true, FollowersCount = 88, StatusesCount = 512 },
        new(DaveId, 1, "dave", "Dave Dunn", "Hides whom he follows.", Epoch.AddDays(7)) { HideCollections = true, FollowersCount = 5, StatusesCount = 77 },
        new(RainbowId, 1, "rainbow", RainbowDisplayName, "Emoji, joiners and all.", Epoch.AddDays(8)) { Bot = true },
        new(RtlId, 1, "rtl_user", RtlDisplayName, "Right-to-left text and an override character.", Epoch.AddDays(9)),
        new(ScripterId, 1, "scripter", ScripterDisplayName, "<img src=x onerror=alert(1)> is my bio.", Epoch.AddDays(10)),
        new(LongNameId, 1, "longname", LongDisplayName, "A display name far past Mastodon's 30-character form limit, as a remote server may send.", Epoch.AddDays(11)),
    ];

    /// <summary>The named accounts of the instance at <paramref name="instance"/>: the users the consent page offers.</summary>
    public static IReadOnlyList<Account> Named(int instance) => instance switch
    {
        0 => First,
        1 => Second,
        _ => [new(AccountIds.Named(instance, 1), instance, "admin", "Instance Admin", "Runs this instance.", Epoch)],
    };

    public static Account Synthetic(int instance, long n)
    {
        var username = AccountIds.SyntheticUsername(n);
        return new Account(AccountIds.Synthetic(instance, (int)n), instance, username, "Synthetic " + username[4..], string.Empty, Epoch.AddMinutes(n));
    }
}
