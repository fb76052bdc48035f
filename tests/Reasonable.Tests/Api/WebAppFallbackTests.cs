using System.Net;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Api;

/// <summary>
/// Addresses that are no route: a page address opens the web app (its own not-found page) with status 404, while
/// the server's own addresses keep answering problems.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class WebAppFallbackTests(SignInServers servers)
{
    private const string Index = "<!doctype html><title>Reasonable</title><div id=\"root\"></div>";

    [Fact]
    public async Task UnknownPages_ServeTheWebApp_As404_AndServerAddressesStayProblems()
    {
        var webRoot = Directory.CreateTempSubdirectory("reasonable-webroot-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(webRoot.FullName, "index.html"), Index);
            var environment = servers.Environment();
            environment["ASPNETCORE_WEBROOT"] = webRoot.FullName;
            await using var api = await ApiProcess.StartAsync(environment);

            foreach (var path in new[] { "/no-such-page", "/accounts/of/someone/else", "/settings/typo" })
            {
                using var page = await api.Client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.True(page.StatusCode == HttpStatusCode.NotFound, $"{path}: expected 404, got {(int)page.StatusCode}");
                Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
                // The app's page (in Development the project's own built wwwroot may stand in front of this one).
                Assert.Contains("<div id=\"root\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            using var known = await api.Client.GetAsync(new Uri("/settings", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, known.StatusCode);

            foreach (var path in new[] { "/api/no-such-route", "/healthz/no-such-page", "/no-such-file.js" })
            {
                using var problem = await api.Client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.True(problem.StatusCode == HttpStatusCode.NotFound, $"{path}: expected 404, got {(int)problem.StatusCode}");
                Assert.True(problem.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{path} must stay a problem, got {problem.Content.Headers.ContentType}");
            }

            using var post = await api.Client.PostAsync(new Uri("/no-such-page", UriKind.Relative), content: null);
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
            Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);

            // The real routes keep their own answers for a wrong method or body type.
            using var wrongMethod = await api.Client.DeleteAsync(new Uri("/api/providers", UriKind.Relative));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
            using var wrongType = await api.Client.PostAsync(new Uri("/api/auth/session", UriKind.Relative), new StringContent("code", System.Text.Encoding.UTF8, "text/plain"));
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        }
        finally
        {
            webRoot.Delete(recursive: true);
        }
    }
}
