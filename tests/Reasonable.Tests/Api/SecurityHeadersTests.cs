using System.Net;
using System.Net.Http.Headers;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Api;

/// <summary>
/// What a reviewer running <c>curl -I</c> finds on every kind of answer: a Content-Security-Policy without inline
/// script and without framing, nosniff, no referrer, a Permissions-Policy, and no caching of anything personal.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class SecurityHeadersTests(SignInServers servers) : AliceSignedInTest(servers)
{
    private const string HashedAsset = "/assets/index-Bx7kQ2mz.js";

    [Fact]
    public async Task EveryKindOfAnswer_CarriesTheSecurityHeaders()
    {
        // The web app's build is not part of this test project: a web root of its own stands in for it.
        var webRoot = Directory.CreateTempSubdirectory("reasonable-webroot-");
        try
        {
            Directory.CreateDirectory(Path.Combine(webRoot.FullName, "assets"));
            await File.WriteAllTextAsync(Path.Combine(webRoot.FullName, "index.html"), $"<!doctype html><script type=\"module\" src=\"{HashedAsset}\"></script>");
            await File.WriteAllTextAsync(Path.Combine(webRoot.FullName, HashedAsset.TrimStart('/')), "export {};");
            var environment = Servers.Environment();
            environment["ASPNETCORE_WEBROOT"] = webRoot.FullName;
            await using var withWebApp = await ApiProcess.StartAsync(environment);

            var answers = new (string Kind, Uri Url, string? Token, string ContentType, string Caching)[]
            {
                ("API JSON with the user's data", new Uri(Browser.Api, "/api/me"), Token, "application/json", "no-store"),
                ("a one-time code exchange (problem)", new Uri(Browser.Api, "/api/auth/session"), null, "application/problem+json", "no-store"),
                ("a problem for an unknown route", new Uri(Browser.Api, "/api/no-such-route"), Token, "application/problem+json", "no-store"),
                ("a 401 problem", new Uri(Browser.Api, "/api/reasons"), null, "application/problem+json", "no-store"),
                ("the public provider list", new Uri(Browser.Api, "/api/providers"), null, "application/json", "no-cache"),
                ("the key list's help page", new Uri(Browser.Api, "/key-list"), null, "text/html", "no-store"),
                ("a problem type's page", new Uri(Browser.Api, "/problems/edit-conflict"), null, "text/html", "no-store"),
                ("a sign-in error page", new Uri(Browser.Api, "/api/auth/x/callback?oauth_token=made-up&oauth_verifier=made-up"), null, "text/html", "no-store"),
                ("the web app's index", new Uri(withWebApp.BaseAddress, "/"), null, "text/html", "no-store"),
                ("a web app route", new Uri(withWebApp.BaseAddress, "/settings"), null, "text/html", "no-store"),
                ("a hashed static asset", new Uri(withWebApp.BaseAddress, HashedAsset), null, "text/javascript", "immutable"),
                ("the health check", new Uri(Browser.Api, "/healthz"), null, "application/json", "no-store"),
            };

            foreach (var (kind, url, token, contentType, caching) in answers)
            {
                using var request = new HttpRequestMessage(url.AbsolutePath == "/api/auth/session" ? HttpMethod.Post : HttpMethod.Get, url);
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                if (request.Method == HttpMethod.Post)
                {
                    request.Content = new StringContent("""{"code":"made-up"}""", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await Servers.Api.Client.SendAsync(request);
                Assert.True(response.Content.Headers.ContentType?.MediaType == contentType, $"{kind} ({url.PathAndQuery}): expected {contentType}, got {(int)response.StatusCode} {response.Content.Headers.ContentType}");
                AssertSecurityHeaders(kind, response, caching);
                AssertPolicy(kind, Header(response, "Content-Security-Policy"), allowsInlineStyle: false);
            }

            using var swagger = await Servers.Api.Client.GetAsync(new Uri(Browser.Api, "/swagger/index.html"));
            Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
            AssertSecurityHeaders("Swagger UI", swagger, caching: null);
            AssertPolicy("Swagger UI", Header(swagger, "Content-Security-Policy"), allowsInlineStyle: true);
        }
        finally
        {
            webRoot.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("br, gzip", "br")]
    [InlineData("gzip, deflate, br;q=0", "gzip")]
    [InlineData("gzip", "gzip")]
    [InlineData("identity", null)]
    [InlineData(null, null)]
    public async Task HashedAssets_AreServedFromTheirPrecompressedCopies_WhenTheBrowserAcceptsThem(string? acceptEncoding, string? expectedEncoding)
    {
        const string script = "export const answer = 42; // the original, longer than either compressed copy ............";
        var webRoot = Directory.CreateTempSubdirectory("reasonable-webroot-");
        try
        {
            var asset = Path.Combine(webRoot.FullName, HashedAsset.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(asset)!);
            await File.WriteAllTextAsync(Path.Combine(webRoot.FullName, "index.html"), "<!doctype html>");
            await File.WriteAllTextAsync(asset, script);
            await File.WriteAllBytesAsync(asset + ".br", Compress(script, stream => new System.IO.Compression.BrotliStream(stream, System.IO.Compression.CompressionLevel.Optimal)));
            await File.WriteAllBytesAsync(asset + ".gz", Compress(script, stream => new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionLevel.Optimal)));
            var environment = Servers.Environment();
            environment["ASPNETCORE_WEBROOT"] = webRoot.FullName;
            await using var withWebApp = await ApiProcess.StartAsync(environment);
            using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None });
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(withWebApp.BaseAddress, HashedAsset));
            if (acceptEncoding is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            }

            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(expectedEncoding, response.Content.Headers.ContentEncoding.SingleOrDefault());
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            Assert.Contains("immutable", Header(response, "Cache-Control"), StringComparison.Ordinal);
            Assert.Equal(script, Decompress(body, expectedEncoding));
        }
        finally
        {
            webRoot.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task SignInPages_AllowTheirOwnStylesheet_ByItsHashAlone()
    {
        using var response = await Browser.GetAsync(new Uri(Browser.Api, "/key-list"));
        var page = await response.Content.ReadAsStringAsync();

        var start = page.IndexOf("<style>", StringComparison.Ordinal) + "<style>".Length;
        var stylesheet = page[start..page.IndexOf("</style>", start, StringComparison.Ordinal)];
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(stylesheet)));
        Assert.Contains($"style-src 'self' 'sha256-{hash}'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Contains("<meta name=\"referrer\" content=\"no-referrer\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertSecurityHeaders(string kind, HttpResponseMessage response, string? caching)
    {
        Assert.True(Header(response, "X-Content-Type-Options") == "nosniff", $"{kind}: X-Content-Type-Options must be nosniff");
        Assert.True(Header(response, "Referrer-Policy") == "no-referrer", $"{kind}: Referrer-Policy must be no-referrer");
        Assert.True(Header(response, "X-Frame-Options") == "DENY", $"{kind}: X-Frame-Options must be DENY");
        var permissions = Header(response, "Permissions-Policy");
        foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()" })
        {
            Assert.True(permissions.Contains(feature, StringComparison.Ordinal), $"{kind}: Permissions-Policy must deny {feature}, got '{permissions}'");
        }

        Assert.False(response.Headers.Contains("Server"), $"{kind}: the Server header names the web server");
        if (caching is not null)
        {
            var cacheControl = response.Headers.CacheControl?.ToString() ?? string.Empty;
            Assert.True(cacheControl.Contains(caching, StringComparison.Ordinal), $"{kind}: Cache-Control must include {caching}, got '{cacheControl}'");
            if (caching != "no-store")
            {
                Assert.DoesNotContain("private", cacheControl, StringComparison.Ordinal);
            }
        }
    }

    private static void AssertPolicy(string kind, string policy, bool allowsInlineStyle)
    {
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(directive => directive.Split(' ')[0], directive => directive, StringComparer.Ordinal);
        Assert.True(directives.TryGetValue("script-src", out var script) && script == "script-src 'self'", $"{kind}: scripts must come only from this origin, never inline: '{policy}'");
        Assert.True(directives.GetValueOrDefault("default-src") == "default-src 'self'", $"{kind}: default-src must be 'self': '{policy}'");
        Assert.True(directives.GetValueOrDefault("frame-ancestors") == "frame-ancestors 'none'", $"{kind}: no page may be framed: '{policy}'");
        Assert.True(directives.GetValueOrDefault("base-uri") == "base-uri 'none'", $"{kind}: base-uri must be 'none': '{policy}'");
        Assert.True(directives.GetValueOrDefault("form-action") == "form-action 'self'", $"{kind}: forms must post only here: '{policy}'");
        Assert.True(directives.GetValueOrDefault("object-src") == "object-src 'none'", $"{kind}: no plugins: '{policy}'");
        Assert.True(
            directives.GetValueOrDefault("style-src", string.Empty).Contains("'unsafe-inline'", StringComparison.Ordinal) == allowsInlineStyle,
            $"{kind}: inline styles must be {(allowsInlineStyle ? "allowed (Swagger UI writes them)" : "refused")}: '{policy}'");
    }

    private static byte[] Compress(string text, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var compressing = compressor(output))
        {
            compressing.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private static string Decompress(byte[] body, string? encoding)
    {
        using var input = new MemoryStream(body);
        using Stream reading = encoding switch
        {
            "br" => new System.IO.Compression.BrotliStream(input, System.IO.Compression.CompressionMode.Decompress),
            "gzip" => new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress),
            _ => input,
        };
        using var text = new StreamReader(reading, System.Text.Encoding.UTF8);
        return text.ReadToEnd();
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : string.Empty;
}
