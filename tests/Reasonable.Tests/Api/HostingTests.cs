using System.Net;
using System.Text.Json;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Api;

[Collection(PostgresTests.Name)]
public sealed class HostingTests(PostgresServer postgres)
{
    [Fact]
    public async Task Healthz_ReportsTheDatabase_AndSwaggerServesTheDocumentAndUi()
    {
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = PostgresServer.ToUrl(postgres.CreateDatabase()),
        });

        using var health = JsonDocument.Parse(await api.Client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.RootElement.GetProperty("database").GetString());

        using var document = JsonDocument.Parse(await api.Client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)));
        Assert.Equal("Reasonable API", document.RootElement.GetProperty("info").GetProperty("title").GetString());

        using var ui = await api.Client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData("1", HttpStatusCode.Unauthorized)]
    public async Task BenchmarkRoute_IsMappedOnlyWithBenchmarkRoutes_AndNeverDocumented(string? benchmarkRoutes, HttpStatusCode expected)
    {
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = PostgresServer.ToUrl(postgres.CreateDatabase()),
            ["BENCHMARK_ROUTES"] = benchmarkRoutes,
        });

        using var response = await api.Client.GetAsync(new Uri("/api/_bench/accounts", UriKind.Relative));
        var document = await api.Client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        Assert.DoesNotContain("_bench", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoutes_AnswerWithProblemDetails()
    {
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = PostgresServer.ToUrl(postgres.CreateDatabase()),
        });

        using var response = await api.Client.GetAsync(new Uri("/api/no-such-route", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
