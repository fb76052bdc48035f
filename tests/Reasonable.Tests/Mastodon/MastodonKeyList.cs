using System.Text.Json;
using Reasonable.Api.Auth;
using Reasonable.Api.Providers;
using Reasonable.Crypto;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Mastodon;

/// <summary>
/// What the tests can see and do of a user's key list on a sandbox Mastodon instance, as the user could on the
/// instance's website: find it (the list whose title starts with the key list's name), read the key in its title
/// with the test's master key ring, edit, delete, and fill the account up to Mastodon's 50 lists.
/// </summary>
public sealed class MastodonKeyList(SignInServers servers)
{
    public const string Alice = "109000000000000001";
    public const string Bob = "109000000000000002";
    public const string Carol = "109001000000000001";

    /// <summary>What precedes the key slot's text in the list title.</summary>
    public static readonly string TitlePrefix = KeyListName.Value + " ";

    /// <summary>What a list title (256 code points) leaves of itself for the key slot's text.</summary>
    public static readonly int SlotCapacity = 256 - TitlePrefix.EnumerateRunes().Count();

    private MastodonSandboxProcess Sandbox => servers.Mastodon;

    /// <summary>The sandbox instance a seeded user lives on: carol on social.example, everyone else on fedi.example.</summary>
    public static string DomainOf(string userId) => userId == Carol ? MastodonSandboxProcess.SocialDomain : MastodonSandboxProcess.FediDomain;

    public Uri InstanceOf(string userId) => userId == Carol ? Sandbox.Social : Sandbox.Fedi;

    /// <summary>Every list of the user, as the instance holds them (id, title, replies_policy, exclusive).</summary>
    public async Task<List<JsonElement>> ListsAsync(string userId) =>
        [.. (await Sandbox.ControlAsync(InstanceOf(userId), HttpMethod.Get, $"/_sandbox/users/{userId}/lists")).EnumerateArray()];

    /// <summary>The user's lists named as the key list; a test expecting one asserts there is exactly one.</summary>
    public async Task<List<JsonElement>> KeyListsAsync(string userId) =>
        [.. (await ListsAsync(userId)).Where(list => Title(list).StartsWith(KeyListName.Value, StringComparison.Ordinal))];

    /// <summary>The user's key list, or null when there is none.</summary>
    public async Task<JsonElement?> FindAsync(string userId) => (await KeyListsAsync(userId)) switch
    {
        [] => null,
        [var one] => one,
        var many => throw new InvalidOperationException($"The user has {many.Count} key lists; Reasonable must never make a second one."),
    };

    public async Task<JsonElement> GetAsync(string userId) => await FindAsync(userId) ?? throw new InvalidOperationException("The user has no key list.");

    public async Task<string> TitleAsync(string userId) => Title(await GetAsync(userId));

    /// <summary>The user key the list's title holds, opened with the test's master key ring.</summary>
    public async Task<UserKey> ListedUserKeyAsync(string userId)
    {
        var title = await TitleAsync(userId);
        Assert.StartsWith(TitlePrefix, title, StringComparison.Ordinal);
        var wrapped = KeyListText.TryReadWrappedKey(title[TitlePrefix.Length..]) ?? throw new InvalidOperationException("The key list's title holds no key.");
        return UserKey.Unwrap(servers.MasterKeys, wrapped, "mastodon", DomainOf(userId), userId);
    }

    /// <summary>A title holding <paramref name="userKey"/> wrapped by <paramref name="ring"/> (the test's ring when null).</summary>
    public string TitleFor(string userId, UserKey userKey, MasterKeyRing? ring = null) =>
        TitlePrefix + KeyListText.Format(new Uri(servers.Api.BaseAddress, "/key-list"), userKey.Wrap(ring ?? servers.MasterKeys, "mastodon", DomainOf(userId), userId), SlotCapacity);

    /// <summary>Changes the key list's title as its owner could on the website (no validation).</summary>
    public async Task EditTitleAsync(string userId, string title)
    {
        var id = Id(await GetAsync(userId));
        await Sandbox.ControlAsync(InstanceOf(userId), HttpMethod.Patch, $"/_sandbox/lists/{id}", new { title });
    }

    /// <summary>The user deleted the key list on the website.</summary>
    public async Task DeleteAsync(string userId) =>
        await Sandbox.ControlAsync(InstanceOf(userId), HttpMethod.Delete, $"/_sandbox/lists/{Id(await GetAsync(userId))}");

    /// <summary>Adds "Filler n" lists until the account has Mastodon's maximum of 50.</summary>
    public async Task FillAsync(string userId)
    {
        var filled = await Sandbox.ControlAsync(InstanceOf(userId), HttpMethod.Post, $"/_sandbox/users/{userId}/lists/fill");
        Assert.Equal(50, filled.GetProperty("lists").GetInt32());
    }

    /// <summary>Deletes one list that is not the key list (the user makes room).</summary>
    public async Task DeleteAnotherListAsync(string userId)
    {
        var other = (await ListsAsync(userId)).First(list => !Title(list).StartsWith(KeyListName.Value, StringComparison.Ordinal));
        await Sandbox.ControlAsync(InstanceOf(userId), HttpMethod.Delete, $"/_sandbox/lists/{Id(other)}");
    }

    /// <summary>Makes the next <paramref name="count"/> requests under <paramref name="pathPrefix"/> fail on the user's instance.</summary>
    public Task ArmFaultAsync(string userId, string pathPrefix, string kind, string? method = null, int count = 1) =>
        Sandbox.ControlAsync(InstanceOf(userId), HttpMethod.Post, "/_sandbox/faults", new { path_prefix = pathPrefix, method, kind, count, reset_seconds = 300 });

    /// <summary>The user removed the app under Settings → Authorized apps; returns how many tokens were live.</summary>
    public async Task<int> RevokeTokensAsync(string userId) =>
        (await Sandbox.ControlAsync(InstanceOf(userId), HttpMethod.Post, $"/_sandbox/users/{userId}/revoke-tokens")).GetProperty("revoked").GetInt32();

    /// <summary>The tokens the user's instance issued to them (token, client_id, scopes, revoked).</summary>
    public async Task<List<JsonElement>> TokensAsync(string userId) =>
        [.. (await Sandbox.ControlAsync(InstanceOf(userId), HttpMethod.Get, "/_sandbox/tokens")).EnumerateArray()
            .Where(token => token.GetProperty("user_id").GetString() == userId)];

    /// <summary>The apps registered on the instance (client_id, client_secret, …).</summary>
    public async Task<List<JsonElement>> AppsAsync(Uri instance) =>
        [.. (await Sandbox.ControlAsync(instance, HttpMethod.Get, "/_sandbox/apps")).EnumerateArray()];

    public static string Title(JsonElement list) => list.GetProperty("title").GetString()!;

    public static string Id(JsonElement list) => list.GetProperty("id").GetString()!;
}
