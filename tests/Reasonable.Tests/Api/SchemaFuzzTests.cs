using System.Globalization;
using System.Net;
using System.Text.Json;
using Reasonable.Sandbox.X.State;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Api;

/// <summary>
/// Thousands of requests shaped by the committed OpenAPI document and then spoiled (wrong types, nulls, huge and odd
/// Unicode strings, lone surrogates, bad cursors and If-Match values, wrong content types), over every operation, with
/// the user's token, without one and with broken ones. No answer may be a 5xx, and every 4xx must be a problem a person
/// can act on. Seeded: REASONABLE_FUZZ_SEED replays a run, and every failure names the request that caused it.
/// </summary>
[Collection(SignInTests.Name)]
public sealed class SchemaFuzzTests(SignInServers servers, PostgresServer postgres) : IClassFixture<PostgresServer>, IAsyncLifetime, IDisposable
{
    private const int RequestsPerOperation = 150;

    /// <summary>Operations that would end the session the fuzzer signs with; they are fuzzed without it.</summary>
    private static readonly HashSet<string> EndTheSession = ["SignOut", "SignOutEverywhere", "DeleteMe"];

    /// <summary>
    /// Operations no made-up request can get a 2xx from: they need a one-time code or a recovery code, the session
    /// the fuzzer keeps, or an action the sandbox provider (X) refuses to every app. Every other operation must answer
    /// some request with a 2xx or 3xx, so the fuzzer is known to reach past the first check.
    /// </summary>
    private static readonly HashSet<string> CannotSucceedHere =
    [
        "CreateSession", "CreateBrowserSession", "FinishSignIn", "RestoreKeyList", .. EndTheSession,
        "ActOnAccount", "ActOnAccountByHandle", "ImportProviderNotes",
        "ReviewMuteEnd", // only a timed mute can be reviewed, and X has none
    ];

    private ApiProcess api = null!;
    private Browser browser = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        await servers.ResetAsync();
        var environment = servers.Environment();
        environment["DATABASE_URL"] = PostgresServer.ToUrl(postgres.CreateDatabase());
        // The fuzzer writes thousands of times a minute; the limits themselves are tested elsewhere.
        environment["WRITE_RATE_LIMIT"] = "1000000";
        environment["SYNC_START_RATE_LIMIT"] = "1000000";
        environment["KEY_ROTATION_RATE_LIMIT"] = "1000000";
        api = await ApiProcess.StartAsync(environment);
        browser = new Browser(servers, api.BaseAddress);
        client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    public void Dispose()
    {
        browser?.Dispose();
        client?.Dispose();
    }

    [Fact]
    public async Task EveryOperation_AnswersSpoiledRequests_WithoutA5xx_AndWithAProblemOnEvery4xx()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("REASONABLE_FUZZ_SEED"), CultureInfo.InvariantCulture, out var chosen) ? chosen : 20261202;
        var token = await browser.SignInAsync(SeedData.AliceId);
        var ownIds = await SeedAsync(token);
        List<string> othersIds;
        using (var bob = new Browser(servers, api.BaseAddress))
        {
            othersIds = await SeedAsync(await bob.SignInAsync(SeedData.BobId));
        }

        // Alice's other session and a personal token, so ending and revoking by id can succeed.
        using (var second = new Browser(servers, api.BaseAddress))
        {
            var session = await browser.ExpectJsonAsync(HttpMethod.Get, "/api/me", await second.SignInAsync(SeedData.AliceId), null, HttpStatusCode.OK);
            ownIds.Add(session.GetProperty("session").GetProperty("id").GetString()!);
        }

        var created = await browser.ExpectJsonAsync(HttpMethod.Post, "/api/tokens", token, new { name = "fuzzed", expiresInDays = 7 }, HttpStatusCode.Created);
        ownIds.Add(created.GetProperty("id").GetString()!);

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("web", "openapi.json")));
        var random = new Random(seed);
        using var export = await browser.SendAsync(HttpMethod.Get, "/api/export?format=json", token);
        var requests = new FuzzRequests(document.RootElement, random, api.BaseAddress, ownIds, othersIds, await export.Content.ReadAsByteArrayAsync());
        var operations = FuzzRequests.Operations(document.RootElement);
        var failures = new Dictionary<string, (string Example, int Count)>(); // one example per operation, status and fault
        var succeeded = new HashSet<string>();
        var statuses = new Dictionary<string, SortedDictionary<int, int>>();
        var sent = 0;
        foreach (var operation in operations)
        {
            for (var i = 0; i < RequestsPerOperation; i++)
            {
                var authorization = requests.Authorization(token);
                if (EndTheSession.Contains(operation.OperationId) && authorization == $"Bearer {token}")
                {
                    authorization = null;
                }

                var request = requests.Make(operation, authorization);
                using (request.Message)
                {
                    sent++;
                    var (status, fault, example) = await CheckAsync(operation, request);
                    var answered = statuses.TryGetValue(operation.OperationId, out var counts) ? counts : statuses[operation.OperationId] = [];
                    answered[status] = answered.GetValueOrDefault(status) + 1;
                    if (Reached(status, fault))
                    {
                        succeeded.Add(operation.OperationId);
                    }

                    if (fault is not null)
                    {
                        var kind = $"{operation.OperationId} {status}: {fault}";
                        failures[kind] = failures.TryGetValue(kind, out var seen) ? (seen.Example, seen.Count + 1) : (example, 1);
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"seed {seed}, {sent} requests; answered badly:\n{string.Join("\n\n", failures.Select(failure => $"{failure.Key} ({failure.Value.Count}×), e.g. {failure.Value.Example}"))}");
        using var me = await browser.SendAsync(HttpMethod.Get, "/api/me", token);
        Assert.True(me.StatusCode == HttpStatusCode.OK, $"the fuzzer's own session stopped working: {(int)me.StatusCode}");
        var unserved = operations.Select(operation => operation.OperationId).Where(id => !succeeded.Contains(id) && !CannotSucceedHere.Contains(id)).ToList();
        Assert.True(unserved.Count == 0, $"seed {seed}: operations the fuzzer never got past their first checks: {string.Join("; ", unserved.Select(id => $"{id} ({string.Join(", ", statuses[id].Select(count => $"{count.Key}×{count.Value}"))})"))}");
    }

    /// <summary>
    /// The status, what was wrong with the answer (null when nothing), and the request as an example. Pages a
    /// browser navigates to (the operations that redirect) may answer a 4xx as an HTML page instead of a problem.
    /// </summary>
    private async Task<(int Status, string? Fault, string Example)> CheckAsync(FuzzOperation operation, FuzzRequest request)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request.Message);
        }
        catch (HttpRequestException exception)
        {
            return (0, "the connection failed", $"{request.Description}: {exception.Message}");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var broken = await ApiContract.CheckAsync(request.Message.Method.Method, request.Message.RequestUri!.AbsolutePath, response, CancellationToken.None);
            var text = await response.Content.ReadAsStringAsync();
            var example = $"{request.Description} → {Shorten(text)}";
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (status >= 500 && !(ProviderUnavailable(text) && Declares(operation, status)))
            {
                return (status, "a 5xx", example);
            }

            if (broken.Count > 0)
            {
                return (status, $"an answer the OpenAPI document does not describe: {string.Join("; ", broken)}", example);
            }

            if (status < 400 || status >= 500)
            {
                return (status, null, example);
            }

            if (mediaType == "text/html" && Navigates(operation))
            {
                return text.Contains("<title>", StringComparison.Ordinal) && text.Contains("<h1>", StringComparison.Ordinal) ? (status, null, example) : (status, "an HTML error page without a title and content", example);
            }

            if (mediaType != "application/problem+json")
            {
                return (status, $"not application/problem+json but {mediaType ?? "no body"}", example);
            }

            try
            {
                using var problem = JsonDocument.Parse(text);
                var root = problem.RootElement;
                var statusMatches = root.TryGetProperty("status", out var declared) && declared.ValueKind == JsonValueKind.Number && declared.GetInt32() == status;
                var titled = root.TryGetProperty("title", out var title) && !string.IsNullOrWhiteSpace(title.GetString());
                var detailed = root.TryGetProperty("detail", out var detail) && !string.IsNullOrWhiteSpace(detail.GetString());
                return statusMatches && titled && detailed ? (status, null, example) : (status, "a problem without its status, a title and a detail", example);
            }
            catch (JsonException)
            {
                return (status, "a problem body that is not JSON", example);
            }
        }
    }

    /// <summary>
    /// The provider's own state (its rate limit spent, or it is down) is a declared 502 or 503 problem: not a fault of
    /// ours, and the fuzzer's thousands of requests do spend the provider's limits.
    /// </summary>
    private static bool ProviderUnavailable(string text) => text.Contains("\"type\":\"/problems/provider-", StringComparison.Ordinal);

    private static bool Declares(FuzzOperation operation, int status) =>
        operation.Operation.GetProperty("responses").TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out _);

    /// <summary>
    /// Whether the request got past every first check (its address, token, body and values) into what the operation
    /// does: a success; a version that does not match (409, 412) or a missing If-Match (428), which only the operation's
    /// own logic answers once the row is found; or a declared provider 5xx, once the request reached the provider.
    /// </summary>
    private static bool Reached(int status, string? fault) => status is >= 200 and < 400 or 409 or 412 or 428 || (status >= 500 && fault is null);

    private static bool Navigates(FuzzOperation operation) =>
        operation.Operation.GetProperty("responses").EnumerateObject().Any(response => response.Name.StartsWith('3'));

    /// <summary>Two accounts with a reason each for the signed-in user; returns their ids and the reasons'.</summary>
    private async Task<List<string>> SeedAsync(string token)
    {
        var ids = new List<string>();
        foreach (var (providerAccountId, handle) in new[] { ("2000000001", "fuzzed_one"), ("2000000002", "fuzzed_two") })
        {
            var account = await browser.ExpectJsonAsync(HttpMethod.Post, "/api/accounts", token, new { providerAccountId, handle }, HttpStatusCode.Created);
            var accountId = account.GetProperty("id").GetString()!;
            var reason = await browser.ExpectJsonAsync(HttpMethod.Post, "/api/reasons", token, new { accountId, action = "block", text = "spam and worse", tags = new[] { "spam" } }, HttpStatusCode.Created);
            ids.Add(accountId);
            ids.Add(reason.GetProperty("id").GetString()!);
        }

        return ids;
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
