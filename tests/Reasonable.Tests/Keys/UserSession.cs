using System.Net;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Keys;

/// <summary>A seeded sandbox user signed in through the real flow: their bearer token and their Reasonable user id.</summary>
public sealed record UserSession(string Token, Guid UserId)
{
    public static async Task<UserSession> SignInAsync(Browser browser, string providerUserId)
    {
        ArgumentNullException.ThrowIfNull(browser);
        return await OfAsync(browser, await browser.SignInAsync(providerUserId));
    }

    /// <summary>Signs in with Mastodon as a seeded user of <paramref name="instance"/> (fedi.example or social.example).</summary>
    public static async Task<UserSession> SignInWithMastodonAsync(Browser browser, string providerUserId, string instance)
    {
        ArgumentNullException.ThrowIfNull(browser);
        return await OfAsync(browser, await browser.SignInWithMastodonAsync(providerUserId, instance));
    }

    private static async Task<UserSession> OfAsync(Browser browser, string token)
    {
        var me = await browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.OK);
        return new UserSession(token, me.GetProperty("id").GetGuid());
    }
}
