using System.Net;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;
using Reasonable.Tests.Sync;

namespace Reasonable.Tests.Search;

/// <summary>Accounts a sync brings in are in the search index at once: their handles and display names are searchable.</summary>
[Collection(SyncTests.Name)]
public sealed class SearchAfterSyncTests(SignInServers servers) : IAsyncLifetime, IDisposable
{
    private readonly Browser browser = new(servers);

    public Task InitializeAsync() => servers.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => browser.Dispose();

    [Fact]
    public async Task SyncedAccounts_AreFoundByHandleAndName_ThroughTheIndex()
    {
        var alice = await SyncDriver.SignInAsync(servers, browser, SeedData.AliceId);
        await alice.StartAsync();
        Assert.Equal("completed", (await alice.WaitUntilSettledAsync()).GetProperty("status").GetString());

        var byHandle = await browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts?q=%40carol", alice.Token, null, HttpStatusCode.OK);
        var byName = await browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts?q=chen%20car", alice.Token, null, HttpStatusCode.OK);

        var carol = Assert.Single(byHandle.GetProperty("items").EnumerateArray());
        Assert.Equal(SeedData.CarolId, carol.GetProperty("providerAccountId").GetString());
        Assert.Equal(["handle"], carol.GetProperty("matchedIn").EnumerateArray().Select(field => field.GetString()));
        var named = Assert.Single(byName.GetProperty("items").EnumerateArray());
        Assert.Equal(["handle", "name"], named.GetProperty("matchedIn").EnumerateArray().Select(field => field.GetString()));
    }
}
