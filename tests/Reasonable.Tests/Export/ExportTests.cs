using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using Reasonable.Api.Accounts;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Export;

/// <summary>The export gives back every field exactly as stored, as JSON and as CSV, and only the user's own data.</summary>
[Collection(SignInTests.Name)]
public sealed class ExportTests(SignInServers servers) : AliceSignedInTest(servers)
{
    private const string Awkward = "Line one,\n\"quoted\" line two\r\n— 😀 שלום <b>bold</b>";
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task JsonExport_HoldsEveryAccountAndReason_ExactlyAsTheApiShowsThem()
    {
        await SeedAsync();

        var export = await DownloadJsonAsync();

        Assert.Equal("reasonable-export/v1", export.GetProperty("format").GetString());
        Assert.Equal("x", export.GetProperty("user").GetProperty("provider").GetString());
        Assert.Equal("alice", export.GetProperty("user").GetProperty("handle").GetString());
        Assert.Equal(0, export.GetProperty("unreadable").GetInt32());
        var accounts = export.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal(3, accounts.Count);
        foreach (var exported in accounts)
        {
            var id = exported.GetProperty("account").GetProperty("id").GetGuid();
            var live = await Browser.ExpectJsonAsync(HttpMethod.Get, $"/api/accounts/{id}", Token, null, HttpStatusCode.OK);
            // The account page shows the latest reason inline; the export lists them all under "reasons" instead.
            var liveAccount = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(live.GetProperty("account").GetRawText())!;
            liveAccount.Remove("latestReason");
            var exportedAccount = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(exported.GetProperty("account").GetRawText())!;
            exportedAccount.Remove("latestReason");
            Assert.Equal(JsonSerializer.Serialize(liveAccount), JsonSerializer.Serialize(exportedAccount));
            Assert.Equal(JsonSerializer.Serialize(live.GetProperty("reasons")), JsonSerializer.Serialize(exported.GetProperty("reasons")));
        }

        var noted = accounts.Single(account => account.GetProperty("account").GetProperty("handle").GetString() == "noted");
        var reasons = noted.GetProperty("reasons").EnumerateArray().ToList();
        Assert.Equal(2, reasons.Count);
        Assert.Equal(Awkward, reasons.Single(reason => reason.GetProperty("action").GetString() == "block").GetProperty("text").GetString());
        var blocked = noted.GetProperty("account").GetProperty("relations").GetProperty("blocked");
        Assert.Equal(Start, blocked.GetProperty("firstSeen").GetDateTimeOffset());
        Assert.Equal(Start.AddDays(2), blocked.GetProperty("past")[0].GetProperty("endedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task CsvExport_HasOneRowPerReason_AndEveryFieldRoundTrips()
    {
        await SeedAsync();

        using var response = await Browser.SendAsync(HttpMethod.Get, "/api/export?format=csv", Token);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = ParseCsv(Encoding.UTF8.GetString(bytes[3..]));
        var header = rows[0];
        var records = rows.Skip(1).Select(row => header.Zip(row).ToDictionary(pair => pair.First, pair => pair.Second)).ToList();
        Assert.Equal(4, records.Count); // two reasons, one with one reason, one account without any
        var block = records.Single(record => record["action"] == "block");
        Assert.Equal(Awkward, block["text"]);
        Assert.Equal("harassment, doxxing", block["tags"]);
        Assert.Equal("noted", block["handle"]);
        Assert.Equal("yes", block["blocked"]);
        Assert.Equal("2025-06-04T12:30:00Z", block["blocked_since"]);
        Assert.Equal("1", block["reason_version"]);
        var formula = records.Single(record => record["handle"] == "formula");
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"click\")", formula["display_name"]);
        Assert.Equal(string.Empty, formula["reason_id"]);
    }

    [Fact]
    public async Task Export_LeavesOutUnreadableRows_AndCountsThem()
    {
        await SeedAsync();
        await using (var connection = new NpgsqlConnection(Servers.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("update reasons set version = version + 5 where id = (select id from reasons limit 1)", connection);
            await command.ExecuteNonQueryAsync();
        }

        var export = await DownloadJsonAsync();

        Assert.Equal(1, export.GetProperty("unreadable").GetInt32());
        Assert.Equal(2, export.GetProperty("accounts").EnumerateArray().Sum(account => account.GetProperty("reasons").GetArrayLength()));
    }

    [Fact]
    public async Task Export_HoldsNothingOfAnotherUser()
    {
        await SeedAsync();
        using var bobBrowser = new Browser(Servers);
        var bob = await bobBrowser.SignInAsync(SeedData.BobId);

        var export = await bobBrowser.ExpectJsonAsync(HttpMethod.Get, "/api/export", bob, null, HttpStatusCode.OK);

        Assert.Equal(0, export.GetProperty("accounts").GetArrayLength());
        Assert.Equal("bob", export.GetProperty("user").GetProperty("handle").GetString());
    }

    [Fact]
    public async Task UnknownFormat_Is400()
    {
        var problem = await Browser.ExpectProblemAsync(HttpMethod.Get, "/api/export?format=xml", Token, null, HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("format", out _));
    }

    private async Task<JsonElement> DownloadJsonAsync()
    {
        using var response = await Browser.SendAsync(HttpMethod.Get, "/api/export", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private async Task SeedAsync()
    {
        var blocked = RelationState.Started(Start).EndedBy(Start.AddDays(2)).SeenAt(Start.AddDays(3));
        await StoredAccounts.InsertAsync(
            Servers, Token, new AccountDocument("1000000002", "noted", "Noted Person", "https://pbs.example/avatar.png", blocked, RelationState.Started(Start), null), Start);

        var noted = (await Browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts?providerAccountId=1000000002", Token, null, HttpStatusCode.OK))
            .GetProperty("items")[0].GetProperty("id").GetGuid();
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId = noted, action = "mute", text = "first, muted" }, HttpStatusCode.Created);
        await Browser.ExpectJsonAsync(
            HttpMethod.Post, "/api/reasons", Token, new { accountId = noted, action = "block", text = Awkward, tags = new[] { "harassment", "doxxing" } }, HttpStatusCode.Created);
        var other = (await Browser.ExpectJsonAsync(
            HttpMethod.Post, "/api/accounts", Token, new { providerAccountId = "1000000003", handle = "other" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", Token, new { accountId = other, action = "follow", text = "good posts", tags = new[] { "friends" } }, HttpStatusCode.Created);
        await Browser.ExpectJsonAsync(
            HttpMethod.Post, "/api/accounts", Token, new { providerAccountId = "1000000004", handle = "formula", displayName = "=HYPERLINK(\"http://evil.example\",\"click\")" }, HttpStatusCode.Created);
    }

    /// <summary>A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF line ends.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.False(quoted, "the CSV ends inside a quoted field");
        Assert.Equal(0, field.Length);
        return rows;
    }
}
