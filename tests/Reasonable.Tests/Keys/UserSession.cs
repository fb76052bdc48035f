using System.Net;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Keys;

/// <summary>A seeded sandbox user signed in through the real flow: their bearer token and their Reasonable user id.</summary>
public sealed record UserSession(string Token, Guid UserId)
{
    public static async Task<UserSession> SignInAsync(Browser browser, string providerUserId)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var token = await browser.SignInAsync(providerUserId);
        var me = await browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", token, null, HttpStatusCode.OK);
        return new UserSession(token, me.GetProperty("id").GetGuid());
    }
}
