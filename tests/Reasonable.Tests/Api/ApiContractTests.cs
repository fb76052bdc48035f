using System.Net;
using System.Text;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Api;

/// <summary>
/// The checker every API test runs through (Support/ApiContract) catches what the document does not say: answers
/// built here by hand, each breaking the committed web/openapi.json one way, must each be named with route, status
/// and member.
/// </summary>
public sealed class ApiContractTests
{
    private const string ReasonPath = "/api/reasons/5d2f9a80-31c4-4e7b-8f60-a9b2c7d1e3f4";

    private const string Reason = """
        {"id":"5d2f9a80-31c4-4e7b-8f60-a9b2c7d1e3f4","accountId":"0b7e4c52-7d0f-4a53-9a1e-5c2f8d6b3e41","action":"block","text":"Spam.",
         "tags":[],"version":1,"occurredAt":"2026-03-14T09:26:53+00:00","createdAt":"2026-03-14T09:26:53+00:00","updatedAt":"2026-03-14T09:26:53+00:00"}
        """;

    [Fact]
    public async Task AnAnswerAsDocumented_HasNoErrors()
    {
        using var response = Answer(HttpStatusCode.OK, Reason, "application/json", etag: true);

        Assert.Empty(await ApiContract.CheckAsync("GET", ReasonPath, response, CancellationToken.None));
    }

    [Fact]
    public async Task AMissingRequiredMember_IsNamed_WithRouteAndStatus()
    {
        using var response = Answer(HttpStatusCode.OK, Reason.Replace("\"version\":1,", string.Empty, StringComparison.Ordinal), "application/json", etag: true);

        var error = Assert.Single(await ApiContract.CheckAsync("GET", ReasonPath, response, CancellationToken.None));
        Assert.Equal("GET /api/reasons/{id} answered 200: $: missing required member `version`", error);
    }

    [Fact]
    public async Task AWordOutsideAnEnum_AndAnUndeclaredMember_AreErrors()
    {
        using var response = Answer(HttpStatusCode.OK, Reason.Replace("\"block\"", "\"blocked\",\"extra\":1", StringComparison.Ordinal), "application/json", etag: true);

        var errors = await ApiContract.CheckAsync("GET", ReasonPath, response, CancellationToken.None);
        Assert.Contains(errors, error => error.EndsWith("$.action: `blocked` is not one of the enum values", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.EndsWith("$: member `extra` is not in the schema", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANullWhereTheDocumentSaysNotNullable_IsAnError()
    {
        using var response = Answer(HttpStatusCode.OK, Reason.Replace("\"text\":\"Spam.\"", "\"text\":null", StringComparison.Ordinal), "application/json", etag: true);

        var error = Assert.Single(await ApiContract.CheckAsync("GET", ReasonPath, response, CancellationToken.None));
        Assert.Contains("$.text: expected string, got null", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUndeclaredStatus_IsAnError()
    {
        using var response = Answer(HttpStatusCode.Gone, """{"type":"/problems/not-found","title":"Gone","status":410,"detail":"Gone."}""", "application/problem+json");

        var error = Assert.Single(await ApiContract.CheckAsync("GET", ReasonPath, response, CancellationToken.None));
        Assert.StartsWith("GET /api/reasons/{id} answered 410: the status 410 is not declared", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUndeclaredContentType_IsAnError()
    {
        using var response = Answer(HttpStatusCode.OK, "id,text", "text/csv", etag: true);

        var error = Assert.Single(await ApiContract.CheckAsync("GET", ReasonPath, response, CancellationToken.None));
        Assert.Contains("the content type text/csv is not declared", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingDeclaredHeader_IsAnError()
    {
        using var response = Answer(HttpStatusCode.OK, Reason, "application/json", etag: false);

        var error = Assert.Single(await ApiContract.CheckAsync("GET", ReasonPath, response, CancellationToken.None));
        Assert.EndsWith("the required header ETag is missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProblemTypeOutsideTheCatalogue_IsAnError()
    {
        using var response = Answer(HttpStatusCode.NotFound, """{"type":"about:blank","title":"Not found","status":404,"detail":"No."}""", "application/problem+json");

        var error = Assert.Single(await ApiContract.CheckAsync("GET", ReasonPath, response, CancellationToken.None));
        Assert.EndsWith("$.type: `about:blank` is not one of the enum values", error, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string body, string contentType, bool etag = false)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (etag)
        {
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"1\"");
        }

        return response;
    }
}
