using System.Net;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Keys;

/// <summary>Writes and reads a user's notes (an account and its reasons) through the API, for tests that must not lose any.</summary>
public sealed class Notes(Browser browser)
{
    /// <summary>Adds bob as an account by hand; returns its id.</summary>
    public async Task<Guid> AddAccountAsync(string token)
    {
        var account = await browser.ExpectJsonAsync(
            HttpMethod.Post, "/api/accounts", token, new { providerAccountId = "1000000002", handle = "bob" }, HttpStatusCode.Created);
        return account.GetProperty("id").GetGuid();
    }

    public Task WriteReasonAsync(string token, Guid accountId, string text) =>
        browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", token, new { accountId, action = "block", text, tags = new[] { "spam" } }, HttpStatusCode.Created);

    /// <summary>The texts of the account's reasons, decrypted by the API, in order.</summary>
    public async Task<List<string>> ReasonTextsAsync(string token, Guid accountId)
    {
        var detail = await browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts/{accountId}", token, null, HttpStatusCode.OK);
        Assert.Equal(0, detail.GetProperty("unreadableReasons").GetInt32());
        return [.. detail.GetProperty("reasons").EnumerateArray().Select(reason => reason.GetProperty("text").GetString()!).Order(StringComparer.Ordinal)];
    }
}
