using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reasonable.OAuth1;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Support;
using Xunit;

namespace Reasonable.Tests.Sandbox;

/// <summary>The sandbox's bodies validate against X's own OpenAPI document, member names included.</summary>
[Collection(SandboxTests.Name)]
public sealed class SandboxOpenApiShapeTests(XSandboxProcess sandbox) : XSandboxTest(sandbox)
{
    private const string Dave = SeedData.DaveId;
    private static readonly OpenApiShape Shape = OpenApiShape.ForX();

    [Theory]
    [InlineData("/2/users/me", "/2/users/me")]
    [InlineData("/2/users/me?user.fields=profile_image_url,name,username,created_at,description,protected,verified", "/2/users/me")]
    [InlineData("/2/users/1000000001/blocking", "/2/users/{id}/blocking")]
    [InlineData("/2/users/1000000001/blocking?max_results=1000&user.fields=profile_image_url", "/2/users/{id}/blocking")]
    [InlineData("/2/users/1000000001/muting?max_results=7&user.fields=profile_image_url,name,username", "/2/users/{id}/muting")]
    [InlineData("/2/users/1000000002/following?user.fields=profile_image_url", "/2/users/{id}/following")]
    [InlineData("/2/users/42/following", "/2/users/{id}/following")]
    [InlineData("/2/users/1000000001/owned_lists?list.fields=description,private,created_at,follower_count,member_count", "/2/users/{id}/owned_lists")]
    [InlineData("/2/lists/1900000000000000001?list.fields=description,private", "/2/lists/{id}")]
    [InlineData("/2/lists/1900000000000000099", "/2/lists/{id}")]
    public async Task Get_Responses_MatchXOpenApi(string url, string route)
    {
        var body = await X.GetJsonAsync(url, AliceToken);

        AssertValid(Shape.ValidateResponse("get", route, 200, body), body);
    }

    [Fact]
    public async Task SecondAndEmptyPages_MatchXOpenApi()
    {
        var first = await X.GetJsonAsync($"/2/users/{Alice}/blocking", AliceToken);
        var second = await X.GetJsonAsync($"/2/users/{Alice}/blocking?pagination_token={first.GetProperty("meta").GetProperty("next_token").GetString()}", AliceToken);
        var dave = await X.SignInAsync(Dave);
        var empty = await X.GetJsonAsync($"/2/users/{Dave}/muting", dave);

        AssertValid(Shape.ValidateResponse("get", "/2/users/{id}/blocking", 200, second), second);
        AssertValid(Shape.ValidateResponse("get", "/2/users/{id}/muting", 200, empty), empty);
    }

    [Fact]
    public async Task ListWrites_MatchXOpenApi()
    {
        using var create = await X.SendAsync(HttpMethod.Post, "/2/lists", AliceToken, JsonContent.Create(new { name = "shape", description = "d", @private = true }));
        var created = await XSandboxClient.ReadJsonAsync(create, HttpStatusCode.Created);
        var id = created.GetProperty("data").GetProperty("id").GetString();
        using var update = await X.SendAsync(HttpMethod.Put, $"/2/lists/{id}", AliceToken, JsonContent.Create(new { name = "shape 2" }));
        var updated = await XSandboxClient.ReadJsonAsync(update, HttpStatusCode.OK);
        using var delete = await X.SendAsync(HttpMethod.Delete, $"/2/lists/{id}", AliceToken);
        var deleted = await XSandboxClient.ReadJsonAsync(delete, HttpStatusCode.OK);

        AssertValid(Shape.ValidateResponse("post", "/2/lists", 201, created), created);
        AssertValid(Shape.ValidateResponse("put", "/2/lists/{id}", 200, updated), updated);
        AssertValid(Shape.ValidateResponse("delete", "/2/lists/{id}", 200, deleted), deleted);
    }

    [Fact]
    public async Task InvalidRequest_MatchesInvalidRequestProblem()
    {
        using var response = await X.GetAsync($"/2/users/{Alice}/blocking?max_results=0", AliceToken);
        var body = await XSandboxClient.ReadJsonAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        AssertValid(Shape.ValidateSchema("InvalidRequestProblem", body), body);
    }

    [Fact]
    public async Task ErrorBodies_AreXsOwnProblemTypes_AndA429NamesTheRoutesLimit()
    {
        var bodies = new List<(string What, HttpResponseMessage Response)>();
        bodies.Add(("403, another user's blocks", await X.GetAsync($"/2/users/{Dave}/blocking", AliceToken)));
        using var unsigned = new HttpClient();
        bodies.Add(("401, unsigned", await unsigned.GetAsync(X.Url("/2/users/me"))));
        await X.ControlAsync(HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/2/users", kind = "server_error", status = 503 });
        bodies.Add(("503, injected", await X.GetAsync("/2/users/me", AliceToken)));
        await X.ControlAsync(HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/2/users", kind = "rate_limit" });
        bodies.Add(("429, injected on /2/users/me", await X.GetAsync("/2/users/me", AliceToken)));
        await X.ControlAsync(HttpMethod.Post, "/_sandbox/faults", new { path_prefix = "/2/users", kind = "rate_limit" });
        var following = await X.GetAsync($"/2/users/{Alice}/following", AliceToken);
        bodies.Add(("429, injected on following", following));

        foreach (var (what, response) in bodies)
        {
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.True(response.StatusCode >= HttpStatusCode.BadRequest, $"{what}: expected an error, got {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = Shape.ValidateSchema("Problem", body);
            Assert.True(errors.Count == 0, $"{what}: {string.Join("; ", errors)}\nbody: {body}");
        }

        Assert.Equal("75", Assert.Single(bodies[3].Response.Headers.GetValues("x-rate-limit-limit")));
        Assert.Equal("300", Assert.Single(following.Headers.GetValues("x-rate-limit-limit")));
    }

    [Theory]
    [InlineData("{\"data\":{\"id\":\"1\",\"name\":\"a\",\"usrname\":\"a\"}}")]
    [InlineData("{\"data\":{\"id\":1,\"name\":\"a\",\"username\":\"a\"}}")]
    [InlineData("{\"data\":[]}")]
    [InlineData("{\"data\":{\"id\":\"1\",\"name\":null,\"username\":\"a\"}}")]
    public void Validator_Catches_WrongShapes(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.NotEmpty(Shape.ValidateResponse("get", "/2/users/me", 200, document.RootElement));
    }

    [Theory]
    [InlineData("FollowUserRequest", "{\"target_user_id\":\"alice\"}")]
    [InlineData("FollowUserRequest", "{\"target_user_id\":\"1\",\"extra\":true}")]
    [InlineData("CreateListsRequest", "{\"name\":\"\"}")]
    [InlineData("CreateListsRequest", "{\"name\":\"twenty-six characters long\"}")]
    public void Validator_Catches_BrokenPatternsLengthsAndClosedSchemas(string schema, string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.NotEmpty(Shape.ValidateSchema(schema, document.RootElement));
    }

    [Theory]
    [InlineData("FollowUserRequest", "{\"target_user_id\":\"1000000001\"}")]
    [InlineData("CreateListsRequest", "{\"name\":\"twenty-five characters ok\",\"description\":\"d\",\"private\":true}")]
    public void Validator_Accepts_RequestsWithinPatternsAndLengths(string schema, string json)
    {
        using var document = JsonDocument.Parse(json);

        AssertValid(Shape.ValidateSchema(schema, document.RootElement), document.RootElement);
    }

    private static void AssertValid(IReadOnlyList<string> errors, JsonElement body) =>
        Assert.True(errors.Count == 0, $"{string.Join("\n", errors)}\nbody: {body}");
}
