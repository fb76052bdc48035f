using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reasonable.Api.Accounts;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;
using Reasonable.Tests.Sync;
using static Reasonable.Tests.Importing.ImportFiles;

namespace Reasonable.Tests.Importing;

/// <summary>
/// Reasonable's own JSON export read back by POST /api/imports: export, delete the account, sign in afresh, import,
/// and the same accounts, relations, reasons, tags and dates come back, field by field.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class ExportRoundTripTests(SignInServers servers) : AliceSignedInTest(servers)
{
    private const string Awkward = "Line one,\n\"quoted\" line two\r\n— 😀 שלום <b>bold</b>";
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 30, 0, TimeSpan.Zero);

    // Differ by design after a round trip: new row ids, and a relation from a file is unconfirmed until a sync sees it.
    private static readonly HashSet<string> NewOnImport = ["id", "accountId", "unconfirmed", "updatedAt"];

    [Fact]
    public async Task ExportDeleteSignInImport_BringsBackEveryAccountRelationReasonTagAndDate()
    {
        await SeedAsync();
        var export = await ExportAsync(Token);
        await Browser.ExpectJsonAsync(HttpMethod.Delete, "/api/me", Token, new { confirm = "delete my account" }, HttpStatusCode.OK);
        using var fresh = new Browser(Servers);
        var token = await fresh.SignInAsync(SeedData.AliceId);
        Assert.Empty((await ExportAsync(token))["accounts"]!.AsArray()); // a new, empty account

        var result = await ImportAsync(fresh, token, export.ToJsonString());
        var back = await ExportAsync(token);

        Assert.Equal(("reasonable", 3, 0, 0), (result.GetProperty("kind").GetString(), result.GetProperty("added").GetInt32(), result.GetProperty("matched").GetInt32(), result.GetProperty("skipped").GetInt32()));
        Assert.Equal(3, result.GetProperty("reasonsAdded").GetInt32());
        var listed = await fresh.ExpectJsonAsync(HttpMethod.Get, "/api/accounts", token, null, HttpStatusCode.OK);
        Assert.Equal(3, listed.GetProperty("items").EnumerateArray().Sum(item => item.GetProperty("reasonCount").GetInt32())); // counted as imported
        var before = ByProviderId(export);
        var after = ByProviderId(back);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (id, exported) in before)
        {
            AssertSame(exported, after[id], $"account {id}");
        }

        // The active relations are the file's word until a sync confirms them; the ended ones are history.
        var noted = after["1000000002"]["account"]!["relations"]!;
        Assert.True(noted["muted"]!["unconfirmed"]!.GetValue<bool>());
        Assert.True(noted["blocked"]!["unconfirmed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ImportingTheExportAgain_AddsNothing()
    {
        await SeedAsync();
        var export = (await ExportAsync(Token)).ToJsonString();

        var result = await ImportAsync(Browser, Token, export);

        Assert.Equal((0, 3, 0), Counts(result));
        Assert.Equal((0, 3), (result.GetProperty("reasonsAdded").GetInt32(), result.GetProperty("reasonsMatched").GetInt32()));
        Assert.Equal(0, result.GetProperty("relationsAdded").GetInt32());
        Assert.Equal((3L, 3L), await RowsAsync(Servers.ConnectionString, new SyncDriver(Servers, Browser, Token).UserId));
    }

    [Fact]
    public async Task FieldsALaterVersionAdds_AreAccepted_AndNamedAsNotKept()
    {
        await SeedAsync();
        var export = await ExportAsync(Token);
        await Browser.ExpectJsonAsync(HttpMethod.Delete, "/api/me", Token, new { confirm = "delete my account" }, HttpStatusCode.OK);
        using var fresh = new Browser(Servers);
        var token = await fresh.SignInAsync(SeedData.AliceId);
        var reason = export["accounts"]![0]!["reasons"]![0]!.AsObject();
        reason["eventAt"] = "2025-05-30T08:00:00Z";
        reason["reviewAt"] = "2025-12-01T08:00:00Z";
        export["accounts"]![0]!["account"]!.AsObject()["labels"] = new JsonArray("x");

        var preview = await ImportAsync(fresh, token, export.ToJsonString(), preview: true);

        Assert.Equal(
            ["accounts[].account.labels", "accounts[].reasons[].eventAt", "accounts[].reasons[].reviewAt"],
            preview.GetProperty("unknownFields").EnumerateArray().Select(field => field.GetString()));
        Assert.Equal(3, preview.GetProperty("added").GetInt32());
        Assert.Empty((await ExportAsync(token))["accounts"]!.AsArray()); // a preview writes nothing
    }

    [Theory]
    [InlineData("format", "\"reasonable-export/v9\"", "format is not reasonable-export/v1")]
    [InlineData("providerAccountId", "\"@bob\"", "accounts[0].account.providerAccountId")]
    [InlineData("action", "\"smite\"", "accounts[0].reasons[0]")]
    [InlineData("version", "0", "accounts[0].reasons[0]")]
    public async Task ExportWithAWrongValue_IsRefusedWhole_NamingWhere_AndNothingIsWritten(string field, string value, string named)
    {
        await SeedAsync();
        var export = await ExportAsync(Token);
        await Browser.ExpectJsonAsync(HttpMethod.Delete, "/api/me", Token, new { confirm = "delete my account" }, HttpStatusCode.OK);
        using var fresh = new Browser(Servers);
        var token = await fresh.SignInAsync(SeedData.AliceId);
        var first = FirstWithReasons(export);
        JsonObject target = field switch
        {
            "format" => export,
            "providerAccountId" => first["account"]!.AsObject(),
            _ => first["reasons"]![0]!.AsObject(),
        };
        target[field] = JsonNode.Parse(value);

        var problem = await RefusedAsync(fresh, token, Move(export, first).ToJsonString(), HttpStatusCode.UnprocessableEntity, "/problems/import-file-unreadable");

        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((0L, 0L), await RowsAsync(Servers.ConnectionString, new SyncDriver(Servers, fresh, token).UserId));
    }

    [Fact]
    public async Task MalformedJson_IsRefused_NamingTheLine()
    {
        var problem = await RefusedAsync(
            Browser, Token, "{\n  \"format\": \"reasonable-export/v1\",\n  \"accounts\": [,]\n}", HttpStatusCode.UnprocessableEntity, "/problems/import-file-unreadable");

        Assert.Contains("line 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherNetworksExport_IsRefused()
    {
        var export = new JsonObject { ["format"] = "reasonable-export/v1", ["user"] = new JsonObject { ["provider"] = "mastodon", ["handle"] = "alice@fedi.example" }, ["accounts"] = new JsonArray() };

        var problem = await RefusedAsync(Browser, Token, export.ToJsonString(), HttpStatusCode.UnprocessableEntity, "/problems/import-file-other-network");

        Assert.Contains("Mastodon account, but you signed in with X", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Every field of <paramref name="expected"/> is in <paramref name="actual"/> with the same value, but those new on import.</summary>
    private static void AssertSame(JsonNode? expected, JsonNode? actual, string where)
    {
        switch (expected)
        {
            case JsonObject expectedObject:
                var actualObject = Assert.IsType<JsonObject>(actual);
                foreach (var (name, value) in expectedObject)
                {
                    if (!NewOnImport.Contains(name) || (name == "updatedAt" && where.Contains("reasons", StringComparison.Ordinal)))
                    {
                        AssertSame(value, actualObject[name], $"{where}.{name}");
                    }
                }

                break;
            case JsonArray expectedArray:
                var actualArray = Assert.IsType<JsonArray>(actual);
                Assert.True(expectedArray.Count == actualArray.Count, $"{where}: {expectedArray.Count} items exported, {actualArray.Count} after import");
                for (var i = 0; i < expectedArray.Count; i++)
                {
                    AssertSame(expectedArray[i], actualArray[i], $"{where}[{i}]");
                }

                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{where}: exported {expected?.ToJsonString()}, after import {actual?.ToJsonString()}");
                break;
        }
    }

    private static Dictionary<string, JsonNode> ByProviderId(JsonObject export) =>
        export["accounts"]!.AsArray().ToDictionary(account => account!["account"]!["providerAccountId"]!.GetValue<string>(), account => account!);

    private static JsonObject FirstWithReasons(JsonObject export) =>
        export["accounts"]!.AsArray().First(account => account!["reasons"]!.AsArray().Count > 0)!.AsObject();

    /// <summary>Puts <paramref name="account"/> first, so the refusal names accounts[0].</summary>
    private static JsonObject Move(JsonObject export, JsonObject account)
    {
        var accounts = export["accounts"]!.AsArray();
        accounts.Remove(account);
        accounts.Insert(0, account);
        return export;
    }

    private async Task<JsonObject> ExportAsync(string token)
    {
        using var browser = new Browser(Servers);
        using var response = await browser.SendAsync(HttpMethod.Get, "/api/export", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()))!.AsObject();
    }

    /// <summary>Three accounts: one with a relation history and two reasons, one followed with a tagged reason, one with none.</summary>
    private async Task SeedAsync()
    {
        var blocked = RelationState.Started(Start).EndedBy(Start.AddDays(2)).SeenAt(Start.AddDays(3));
        await StoredAccounts.InsertAsync(
            Servers, Token, new AccountDocument("1000000002", "noted", "Noted Person", "https://pbs.example/avatar.png", blocked, RelationState.Started(Start), null, "https://x.example/noted"), Start);
        var noted = (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts?providerAccountId=1000000002", Token, null, HttpStatusCode.OK))
            .GetProperty("items")[0].GetProperty("id").GetGuid();
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId = noted, action = "mute", text = "first, muted" }, HttpStatusCode.Created);
        var edited = (await Browser.ExpectJsonAsync(
            HttpMethod.Post, "/api/reasons", Token, new { accountId = noted, action = "block", text = "draft", tags = new[] { "harassment" } }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Browser.ExpectJsonAsync(
            HttpMethod.Put, $"/api/reasons/{edited}", Token, new { action = "block", text = Awkward, tags = new[] { "harassment", "Doxxing" }, version = 1 }, HttpStatusCode.OK);
        await StoredAccounts.InsertAsync(
            Servers, Token, new AccountDocument("1000000003", "other", null, null, null, null, RelationState.Started(Start.AddDays(5)).SeenAt(Start.AddDays(9))), Start.AddDays(5));
        var other = (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts?providerAccountId=1000000003", Token, null, HttpStatusCode.OK))
            .GetProperty("items")[0].GetProperty("id").GetGuid();
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId = other, action = "follow", text = "good posts", tags = new[] { "friends" } }, HttpStatusCode.Created);
        await Browser.ExpectJsonAsync(
            HttpMethod.Post, "/api/accounts", Token, new { providerAccountId = "1000000004", handle = "formula", displayName = "=HYPERLINK(\"http://evil.example\",\"click\")" }, HttpStatusCode.Created);
    }
}
