using System.Text.Json;
using Microsoft.OpenApi;
using Reasonable.Api.Accounts;
using Reasonable.Api.Endpoints;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Reasonable.Api.Hosting;

/// <summary>
/// One realistic example per request and response type, shown in Swagger UI and carried into generated clients.
/// Every value is made up: no real token, key, id or handle appears here (tokens are visibly truncated).
/// </summary>
public sealed class OpenApiExamples : ISchemaFilter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset Blocked = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);
    private static readonly DateTimeOffset Noted = new(2026, 3, 14, 9, 31, 0, TimeSpan.Zero);
    private static readonly Guid AccountId = Guid.Parse("0b7e4c52-7d0f-4a53-9a1e-5c2f8d6b3e41");
    private static readonly Guid ReasonId = Guid.Parse("5d2f9a80-31c4-4e7b-8f60-a9b2c7d1e3f4");

    private static readonly ReasonResponse Reason = new(
        ReasonId, AccountId, "block", "Replied to every post for a week with the same scam link.", ["spam", "scam"], 2, Noted, Noted.AddHours(3));

    private static readonly AccountResponse Account = new(
        AccountId, "1000000002", "bob", "Bob Example", "https://pbs.example/profile_images/bob_normal.png",
        new RelationsResponse(new RelationState(Blocked, Blocked, Blocked.AddDays(20), null, []), null, null),
        1, Reason, Noted.AddHours(3), Blocked);

    private static readonly Dictionary<Type, object> Examples = new()
    {
        [typeof(AccountResponse)] = Account,
        [typeof(AccountPageResponse)] = new AccountPageResponse([Account], "NjM4NzY1NDMyMTAuMGI3ZTRjNTI3ZDBm", 0),
        [typeof(AccountDetailResponse)] = new AccountDetailResponse(Account with { LatestReason = null }, [Reason], 0),
        [typeof(CreateAccountRequest)] = new CreateAccountRequest("1000000002", "bob", "Bob Example", null),
        [typeof(RelationState)] = new RelationState(Blocked.AddDays(-40), Blocked, Blocked.AddDays(20), null, [new RelationPeriod(Blocked.AddDays(-40), Blocked.AddDays(-30))]),
        [typeof(RelationPeriod)] = new RelationPeriod(Blocked.AddDays(-40), Blocked.AddDays(-30)),
        [typeof(ReasonResponse)] = Reason,
        [typeof(CreateReasonRequest)] = new CreateReasonRequest(AccountId, "block", "Replied to every post for a week with the same scam link.", ["spam"]),
        [typeof(UpdateReasonRequest)] = new UpdateReasonRequest("block", "Replied to every post for a week with the same scam link.", ["spam", "scam"], 1),
        [typeof(ExportDocument)] = new ExportDocument(ExportEndpoints.FormatName, Noted.AddDays(30), new ExportUser("x", "alice"), [new AccountDetailResponse(Account with { LatestReason = null }, [Reason], 0)], 0),
        [typeof(ExportUser)] = new ExportUser("x", "alice"),
        [typeof(CreatePersonalTokenRequest)] = new CreatePersonalTokenRequest("nightly export", 30),
        [typeof(PersonalTokenResponse)] = new PersonalTokenResponse(ReasonId, "nightly export", Noted, Noted.AddDays(30), Noted.AddDays(1)),
        [typeof(CreatedPersonalTokenResponse)] = new CreatedPersonalTokenResponse(ReasonId, "nightly export", "eyJhbGciOiJIUzI1NiIs…(shown once)", Noted, Noted.AddDays(30)),
    };

    /// <summary>The types that have an example, so a test can require one for every schema in the document.</summary>
    public static IReadOnlyCollection<Type> Covered => Examples.Keys;

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (schema is OpenApiSchema concrete && Examples.TryGetValue(context.Type, out var example))
        {
            concrete.Examples = [JsonSerializer.SerializeToNode(example, example.GetType(), Json)!];
        }
    }
}
