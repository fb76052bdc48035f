using System.Text.Json;
using Microsoft.OpenApi;
using Reasonable.Api.Accounts;
using Reasonable.Api.Endpoints;
using Reasonable.Api.Search;
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

    private static readonly Guid UserId = Guid.Parse("9a1c3e5f-2b4d-4f60-8a7c-1e3d5f7b9c20");
    private static readonly Guid SessionId = Guid.Parse("3c5e7a9b-1d2f-4b6d-8e0a-2c4e6a8b0d1f");
    private const string ExampleToken = "eyJhbGciOiJIUzI1NiIs…(made up; a real token is shown once)";

    private static readonly SyncRelationResponse Blocking = new("blocked", "fetching", 4000, 3000, 4, null, null, 0);

    private static readonly SyncRunResponse Run = new(
        Guid.Parse("7e9a1c3e-5f2b-4d6f-8a0c-3e5a7c9e1b2d"), "waiting", Noted, Noted.AddSeconds(1), null, null,
        [Blocking, new SyncRelationResponse("muted", "waiting", 0, 0, 0, Noted.AddMinutes(15), null, 0), new SyncRelationResponse("following", "pending", 0, 0, 0, null, null, 0)]);

    private static readonly ReasonResponse Reason = new(
        ReasonId, AccountId, "block", "Replied to every post for a week with the same scam link.", ["spam", "scam"], 2, Blocked, Noted, Noted.AddHours(3));

    private static readonly AccountResponse Account = new(
        AccountId, "109000000000000002", "bob@social.example", "Bob Example", "https://social.example/avatars/bob.png", "https://social.example/@bob", null,
        // Every relation is shown (a follow that ended, a timed mute): a null one cannot be validated against its schema
        // in OpenAPI 3.0, where a nullable reference is an allOf that null never matches.
        new RelationsResponse(
            new RelationState(Blocked, Blocked, Blocked.AddDays(20), null, []),
            new RelationState(Blocked, Blocked, Blocked.AddDays(20), null, [], ExpiresAt: Blocked.AddDays(30)),
            new RelationState(Blocked.AddDays(-400), Blocked.AddDays(-400), Blocked, Blocked, [])),
        1, Reason, Noted.AddHours(3), Blocked);

    private static readonly Keys.DataKeyRotationResponse DataKeyRotation = new(1, 2, Noted, null, 10412, 6200, 0);

    private static readonly Dictionary<Type, object> Examples = new()
    {
        [typeof(AccountResponse)] = Account,
        [typeof(RelationsResponse)] = Account.Relations,
        [typeof(AccountPageResponse)] = new AccountPageResponse([Account with { MatchedIn = [SearchField.Reason, SearchField.Tag] }], "NjM4NzY1NDMyMTAuMGI3ZTRjNTI3ZDBm", 0),
        [typeof(SearchIndexResponse)] = SearchIndexResponse.From(complete: true),
        [typeof(SearchField)] = SearchField.Reason,
        [typeof(AccountDetailResponse)] = new AccountDetailResponse(Account, [Reason], 0),
        [typeof(CreateAccountRequest)] = new CreateAccountRequest("109000000000000002", "bob@social.example", "Bob Example", null),
        [typeof(ProviderResponse)] = new ProviderResponse(
            "mastodon", "Mastodon", true, "/api/auth/mastodon/login", ["block", "unblock", "mute", "unmute", "follow", "unfollow"], true, null,
            "the private list \"Reasonable key (pls keep)\"", true,
            ["Mastodon's blocked_accounts.csv", "Mastodon's muted_accounts.csv", "Mastodon's following_accounts.csv"]),
        [typeof(RelationState)] = new RelationState(Blocked.AddDays(-40), Blocked, Blocked.AddDays(20), null, [new RelationPeriod(Blocked.AddDays(-40), Blocked.AddDays(-30))]),
        [typeof(RelationPeriod)] = new RelationPeriod(Blocked.AddDays(-40), Blocked.AddDays(-30)),
        [typeof(ReasonResponse)] = Reason,
        [typeof(CreateReasonRequest)] = new CreateReasonRequest(AccountId, "block", "Replied to every post for a week with the same scam link.", ["spam"], Blocked),
        [typeof(UpdateReasonRequest)] = new UpdateReasonRequest("block", "Replied to every post for a week with the same scam link.", ["spam", "scam"], 1),
        [typeof(ExportDocument)] = new ExportDocument(ExportEndpoints.FormatName, Noted.AddDays(30), new ExportUser("x", "alice"), [new AccountDetailResponse(Account, [Reason], 0)], 0),
        [typeof(ExportUser)] = new ExportUser("x", "alice"),
        [typeof(CreatePersonalTokenRequest)] = new CreatePersonalTokenRequest("nightly export", 30),
        [typeof(PersonalTokenResponse)] = new PersonalTokenResponse(ReasonId, "nightly export", Noted, Noted.AddDays(30), Noted.AddDays(1)),
        [typeof(CreatedPersonalTokenResponse)] = new CreatedPersonalTokenResponse(ReasonId, "nightly export", ExampleToken, Noted, Noted.AddDays(30)),
        [typeof(SessionCodeRequest)] = new SessionCodeRequest("q8R2…(the code from /signed-in#code=…)"),
        [typeof(SessionTokenResponse)] = new SessionTokenResponse(ExampleToken, Noted.AddHours(12)),
        [typeof(SignedOutResponse)] = new SignedOutResponse(2),
        [typeof(SessionResponse)] = new SessionResponse(SessionId, Noted, Noted.AddHours(12), Noted.AddHours(1), true, "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"),
        [typeof(BrowserSessionRequest)] = new BrowserSessionRequest("q8R2…(the code from /signed-in#code=…)", false),
        [typeof(BrowserSessionResponse)] = new BrowserSessionResponse(Noted.AddHours(12), false),
        [typeof(RestoredSessionResponse)] = new RestoredSessionResponse(null, Noted.AddHours(12)),
        [typeof(CurrentSessionResponse)] = new CurrentSessionResponse(SessionId, "browser", Noted, Noted.AddHours(12)),
        [typeof(MeResponse)] = new MeResponse(
            UserId, "x", "alice", "active", null, true, true, Noted, Blocked.AddDays(-90), new CurrentSessionResponse(SessionId, "browser", Noted, Noted.AddHours(12))),
        [typeof(RecoveryCodeResponse)] = new RecoveryCodeResponse("K7QF-…(shown once)", Noted),
        [typeof(RestoreRequest)] = new RestoreRequest("K7QF-…"),
        [typeof(DeleteAccountRequest)] = new DeleteAccountRequest("delete my account"),
        [typeof(DeletedAccountResponse)] = new DeletedAccountResponse(true, false, true, "Your notes, keys and key list are deleted. Nothing of yours can be opened any more."),
        [typeof(KeyRotationResponse)] = new KeyRotationResponse(3, Noted, true, null),
        [typeof(Keys.DataKeyRotationResponse)] = DataKeyRotation,
        [typeof(Keys.KeyStatusResponse)] = new Keys.KeyStatusResponse("active", Keys.KeyListCheckKind.Now, Noted.AddMinutes(5), true, 3, 2, DataKeyRotation),
        [typeof(Keys.KeyListCheckKind)] = Keys.KeyListCheckKind.Now,
        [typeof(SyncRelationResponse)] = Blocking,
        [typeof(SyncRunResponse)] = Run,
        [typeof(SyncStatusResponse)] = new SyncStatusResponse(Run, 2),
        [typeof(ProviderNotesImportResponse)] = new ProviderNotesImportResponse(373, 4, 1, 0),
        [typeof(ImportResponse)] = new ImportResponse(
            "mastodon-blocked", "Mastodon's blocked_accounts.csv", true, 252, 12, 238, 2, 12, 12, 0, 0,
            [new ImportSkipGroup("duplicate-in-file", 2, "The file names this account with this relation more than once; it is imported once.")],
            [new ImportSkippedEntry(17, "duplicate-in-file"), new ImportSkippedEntry(90, "duplicate-in-file")], []),
        [typeof(ImportSkipGroup)] = new ImportSkipGroup("relation-ended", 1, "Your last sync saw this relation end, and the file has no date to say it began again: the next sync will show it if it is back."),
        [typeof(ImportSkippedEntry)] = new ImportSkippedEntry(17, "duplicate-in-file"),
        [typeof(ImportFileForm)] = new { file = "(the file's bytes: blocked_accounts.csv)", kind = "mastodon-blocked" },
        [typeof(ActionReasonRequest)] = new ActionReasonRequest("Replied to every post for a week with the same scam link.", ["spam"]),
        [typeof(AccountActionRequest)] = new AccountActionRequest("mute", 604800, new ActionReasonRequest("Too many posts about the match; back in a week.", ["sport"])),
        [typeof(AccountActionByHandleRequest)] = new AccountActionByHandleRequest("bob@social.example", "block", null, new ActionReasonRequest("Replied to every post for a week with the same scam link.", ["spam"])),
        [typeof(AccountActionResponse)] = new AccountActionResponse(Account, Reason),
        [typeof(ReviewItemResponse)] = new ReviewItemResponse(ReviewItemResponse.ReasonKind, new DateOnly(2026, 9, 14), Account, ReasonId, null, [Reason]),
        [typeof(ReviewPageResponse)] = new ReviewPageResponse(
            [new ReviewItemResponse(ReviewItemResponse.ReasonKind, new DateOnly(2026, 9, 14), Account, ReasonId, null, [Reason])], 3, 0),
        [typeof(BulkAccountsRequest)] = new BulkAccountsRequest(
            [AccountId], new BulkReasonRequest("block", "Part of the pile-on of March 2026.", ["pile-on"], Blocked), true, new DateOnly(2026, 9, 14)),
        [typeof(BulkReasonRequest)] = new BulkReasonRequest("block", "Part of the pile-on of March 2026.", ["pile-on"], Blocked),
        [typeof(BulkAccountsResponse)] = new BulkAccountsResponse(1, [ReasonId]),
        [typeof(TagResponse)] = new TagResponse("spam", 42, 40),
        [typeof(TagListResponse)] = new TagListResponse([new TagResponse("spam", 42, 40), new TagResponse("pile-on", 7, 7)], 0),
        [typeof(TagRenameRequest)] = new TagRenameRequest("scam", "spam"),
        [typeof(TagRenameResponse)] = new TagRenameResponse(12),
        [typeof(AccountCountResponse)] = new AccountCountResponse(251, 0),
        [typeof(ReviewDateRequest)] = new ReviewDateRequest(new DateOnly(2026, 9, 14)),
        [typeof(ReviewDateResponse)] = new ReviewDateResponse(new DateOnly(2026, 9, 14)),
        [typeof(AccountReviewResponse)] = new AccountReviewResponse(new DateOnly(2027, 3, 14), [new ReasonReviewResponse(ReasonId, new DateOnly(2026, 9, 14))]),
        [typeof(ReasonReviewResponse)] = new ReasonReviewResponse(ReasonId, new DateOnly(2026, 9, 14)),
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
