using System.Text.Json;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Keys;

/// <summary>The OpenAPI document names the key routes, their request bodies and every error they answer.</summary>
[Collection(SignInTests.Name)]
public sealed class KeyRoutesOpenApiTests(SignInServers servers)
{
    [Theory]
    [InlineData("/api/keys/rotate", "post", "RotateUserKey", "Keys", new[] { "200", "401", "403", "404", "409", "429", "502", "503" })]
    [InlineData("/api/me", "delete", "DeleteMe", "Me", new[] { "200", "400", "401", "403", "404", "413", "415", "503" })]
    public async Task Route_IsDescribed_WithItsErrors(string path, string method, string operationId, string tag, string[] statuses)
    {
        using var document = JsonDocument.Parse(await servers.Api.Client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)));

        var operation = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method);
        Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
        Assert.Equal(tag, Assert.Single(operation.GetProperty("tags").EnumerateArray()).GetString());
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        var responses = operation.GetProperty("responses").EnumerateObject().Select(response => response.Name).Order(StringComparer.Ordinal);
        Assert.Equal(statuses, responses);
    }

    [Fact]
    public async Task DeleteMe_DescribesTheConfirmationBody()
    {
        using var document = JsonDocument.Parse(await servers.Api.Client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)));

        var body = document.RootElement.GetProperty("paths").GetProperty("/api/me").GetProperty("delete").GetProperty("requestBody");
        // The body's schema refers to its type through allOf, beside the body's example.
        var schema = body.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("allOf")[0].GetProperty("$ref").GetString();
        Assert.EndsWith("/DeleteAccountRequest", schema, StringComparison.Ordinal);
    }
}
