using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Reasonable.OAuth1;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Reasonable.Tests.Sandbox;

[Collection(SandboxTests.Name)]
public sealed class SandboxRelationsTests(XSandboxProcess sandbox, ITestOutputHelper output) : XSandboxTest(sandbox)
{
    private const string Bob = SeedData.BobId;
    private const string Dave = SeedData.DaveId;
    private const string BulkBlocker = SeedData.BulkBlockerId;

    [Theory]
    [InlineData("blocking", null, 251, 3)]
    [InlineData("blocking", 1000, 251, 1)]
    [InlineData("muting", 10, 31, 4)]
    [InlineData("following", 50, 122, 3)]
    public async Task Pagination_WalksToTheEnd_WithTheRightTotal(string relation, int? maxResults, int total, int pages)
    {
        var (ids, walked) = await WalkAsync(AliceToken, Alice, relation, maxResults);

        Assert.Equal(total, ids.Count);
        Assert.Equal(total, ids.Distinct().Count());
        Assert.Equal(pages, walked);
    }

    [Fact]
    public async Task Pagination_Meta_IsShapedAsXDocumentsIt()
    {
        var first = await X.GetJsonAsync($"/2/users/{Alice}/blocking", AliceToken);
        var firstMeta = first.GetProperty("meta");
        Assert.Equal(100, first.GetProperty("data").GetArrayLength());
        Assert.Equal(100, firstMeta.GetProperty("result_count").GetInt32());
        Assert.False(firstMeta.TryGetProperty("previous_token", out _));
        var next = firstMeta.GetProperty("next_token").GetString()!;
        Assert.True(next.Length >= 16, "X's pagination tokens are at least 16 characters");

        var last = await X.GetJsonAsync($"/2/users/{Alice}/blocking?max_results=1000&pagination_token={next}", AliceToken);
        var lastMeta = last.GetProperty("meta");
        Assert.Equal(151, lastMeta.GetProperty("result_count").GetInt32());
        Assert.False(lastMeta.TryGetProperty("next_token", out _), "next_token is omitted on the last page");
        Assert.True(lastMeta.TryGetProperty("previous_token", out _));
    }

    [Fact]
    public async Task EmptyRelation_HasNoData_AndZeroCount()
    {
        var dave = await X.SignInAsync(Dave);

        var json = await X.GetJsonAsync($"/2/users/{Dave}/blocking", dave);

        Assert.False(json.TryGetProperty("data", out _));
        Assert.Equal("{\"result_count\":0}", json.GetProperty("meta").GetRawText());
    }

    [Fact]
    public async Task BulkBlocker_Walks100000Blocks_InPagesOf1000()
    {
        await X.ControlAsync(HttpMethod.Put, "/_sandbox/rate-limits", new { enabled = false });
        var bulk = await X.SignInAsync(BulkBlocker);
        var watch = Stopwatch.StartNew();

        var (ids, pages) = await WalkAsync(bulk, BulkBlocker, "blocking", 1000);

        output.WriteLine($"100,000 blocks in {pages} pages took {watch.ElapsedMilliseconds} ms");
        Assert.Equal(100_000, ids.Count);
        Assert.Equal(100_000, ids.Distinct().Count());
        Assert.Equal(100, pages);
    }

    [Theory]
    [InlineData("blocking")]
    [InlineData("muting")]
    public async Task BlocksAndMutes_OfAnotherUser_AreForbidden(string relation)
    {
        using var response = await X.GetAsync($"/2/users/{Bob}/{relation}", AliceToken);

        var json = await XSandboxClient.ReadJsonAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("Forbidden", json.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Following_OfAnotherUser_IsVisible()
    {
        var json = await X.GetJsonAsync($"/2/users/{Bob}/following", AliceToken);

        Assert.Equal(3, json.GetProperty("meta").GetProperty("result_count").GetInt32());
    }

    [Fact]
    public async Task Following_OfUnknownUser_IsANotFoundPartialError()
    {
        var json = await X.GetJsonAsync("/2/users/42/following", AliceToken);

        Assert.False(json.TryGetProperty("data", out _));
        Assert.Equal("user", json.GetProperty("errors")[0].GetProperty("resource_type").GetString());
    }

    [Theory]
    [InlineData("max_results=0", "max_results")]
    [InlineData("max_results=1001", "max_results")]
    [InlineData("max_results=ten", "max_results")]
    [InlineData("pagination_token=0000000000000000", "pagination_token")]
    [InlineData("pagination_token=short", "pagination_token")]
    [InlineData("user.fields=shoe_size", "user.fields")]
    public async Task InvalidQueryParameters_AreInvalidRequests(string query, string parameter)
    {
        using var response = await X.GetAsync($"/2/users/{Alice}/blocking?{query}", AliceToken);

        var json = await XSandboxClient.ReadJsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("https://api.x.com/2/problems/invalid-request", json.GetProperty("type").GetString());
        Assert.True(json.GetProperty("errors")[0].GetProperty("parameters").TryGetProperty(parameter, out _), json.ToString());
    }

    [Fact]
    public async Task PaginationToken_FromAnotherListing_IsRejected()
    {
        var following = await X.GetJsonAsync($"/2/users/{Alice}/following", AliceToken);
        var token = following.GetProperty("meta").GetProperty("next_token").GetString();

        using var response = await X.GetAsync($"/2/users/{Alice}/blocking?pagination_token={token}", AliceToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task UserFields_AddProfileImageUrl_ToEveryUser()
    {
        var json = await X.GetJsonAsync($"/2/users/{Alice}/muting?user.fields=profile_image_url,name,username", AliceToken);

        Assert.All(json.GetProperty("data").EnumerateArray(), user =>
        {
            Assert.StartsWith("http://", user.GetProperty("profile_image_url").GetString(), StringComparison.Ordinal);
            Assert.Matches("^[A-Za-z0-9_]{1,15}$", user.GetProperty("username").GetString());
        });
    }

    [Fact]
    public async Task ControlRelations_AddAsMostRecent_AndRemove()
    {
        await X.ControlAsync(HttpMethod.Post, $"/_sandbox/users/{Alice}/blocking", new { target_user_id = Bob });
        var added = await X.GetJsonAsync($"/2/users/{Alice}/blocking?max_results=1", AliceToken);
        Assert.Equal(Bob, added.GetProperty("data")[0].GetProperty("id").GetString());

        await X.ControlAsync(HttpMethod.Delete, $"/_sandbox/users/{Alice}/blocking/{Bob}");
        var (ids, _) = await WalkAsync(AliceToken, Alice, "blocking", 1000);
        Assert.DoesNotContain(Bob, ids);
        Assert.Equal(251, ids.Count);
    }

    private async Task<(List<string> Ids, int Pages)> WalkAsync(OAuthCredentials credentials, string userId, string relation, int? maxResults)
    {
        var ids = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var query = new List<string>();
            if (maxResults is { } max)
            {
                query.Add($"max_results={max}");
            }

            if (token is not null)
            {
                query.Add($"pagination_token={token}");
            }

            JsonElement page = await X.GetJsonAsync($"/2/users/{userId}/{relation}?{string.Join('&', query)}", credentials);
            var meta = page.GetProperty("meta");
            var count = meta.GetProperty("result_count").GetInt32();
            if (page.TryGetProperty("data", out var data))
            {
                Assert.Equal(count, data.GetArrayLength());
                ids.AddRange(data.EnumerateArray().Select(u => u.GetProperty("id").GetString()!));
            }

            token = meta.TryGetProperty("next_token", out var next) ? next.GetString() : null;
            pages++;
            Assert.True(pages <= 1000, "pagination must end");
        }
        while (token is not null);

        return (ids, pages);
    }
}
