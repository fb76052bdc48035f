using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Accounts;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Http;
using Reasonable.Api.Providers;
using Reasonable.Api.RateLimits;
using Reasonable.Api.Reasons;
using Reasonable.Crypto;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// Bringing the provider's own private notes into Reasonable, when the user asks: for each account the user has here,
/// the provider's note on it becomes a reason (action <c>other</c>, tag <c>imported-note</c>, the text as it is),
/// once. Only reads the provider: its notes stay where they are, and nothing is ever written back.
/// </summary>
public static class ProviderNotesEndpoints
{
    public const string ImportedTag = "imported-note";
    private const string ImportedAction = "other";

    // Accounts opened and asked about per round; the provider splits the ids into its own requests.
    private const int AccountBatch = 200;

    public static IEndpointRouteBuilder MapProviderNotesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/imports").WithTags("Imports").RequireAuthorization().RequireRateLimit(LimitedAction.Write);
        group.MapPost("/provider-notes", ImportAsync).WithName("ImportProviderNotes")
            .WithSummary("Copies your own private notes on the provider, for the accounts you have in Reasonable, into reasons tagged imported-note. Safe to repeat: a note already imported is not imported again. Nothing is written to the provider.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<ProviderNotesImportResponse>, ProblemHttpResult>> ImportAsync(
        CurrentUser current,
        UserRepository users,
        AccountRepository accounts,
        ReasonRepository reasons,
        ProviderDirectory providers,
        MasterKeyRing ring,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        var user = await users.FindAsync(keys.UserId, cancellationToken);
        if (user is null || providers.Find(user.Provider) is not { } provider)
        {
            return Problems.NotFound("user");
        }

        var name = provider.Info.DisplayName;
        if (provider is not IProviderNotes notes)
        {
            return Problems.Conflict(
                "notes-not-supported", $"{name} has no notes to import", $"{name} does not keep private notes on accounts, so there is nothing to import. Write your reasons in Reasonable.");
        }

        ProviderAccess access;
        try
        {
            (_, access) = StoredProviderAccess.Open(ring, user, provider);
        }
        catch (CiphertextException)
        {
            return Problems.ProviderAccessUnreadable(name);
        }

        var tally = new Tally();
        try
        {
            var after = Guid.Empty;
            IReadOnlyList<AccountRow> batch;
            while ((batch = await accounts.BatchAsync(keys.UserId, after, AccountBatch, cancellationToken)).Count > 0)
            {
                after = batch[^1].Id;
                await ImportBatchAsync(keys, batch, notes, access, reasons, time, tally, cancellationToken);
            }
        }
        catch (ProviderException exception)
        {
            // What was imported before stays (each account is one transaction); the next run skips it.
            return Problems.Provider(exception, name);
        }

        return TypedResults.Ok(new ProviderNotesImportResponse(tally.Checked, tally.Imported, tally.AlreadyImported, tally.Skipped));
    }

    /// <summary>Asks the provider for its notes on one batch of accounts and stores each new one, one account at a time.</summary>
    private static async Task ImportBatchAsync(
        UserKeyRing keys, IReadOnlyList<AccountRow> batch, IProviderNotes notes, ProviderAccess access, ReasonRepository reasons, TimeProvider time, Tally tally, CancellationToken cancellationToken)
    {
        var byProviderId = new Dictionary<string, AccountRow>(StringComparer.Ordinal);
        foreach (var row in batch)
        {
            if (TryOpen(keys, row) is { } document)
            {
                byProviderId[document.ProviderAccountId] = row; // unreadable accounts are left out, never asked about
            }
        }

        tally.Checked += byProviderId.Count;
        if (byProviderId.Count == 0)
        {
            return;
        }

        foreach (var note in await notes.ReadNotesAsync(access, [.. byProviderId.Keys], cancellationToken))
        {
            if (!byProviderId.Remove(note.AccountId, out var account))
            {
                continue; // not one we asked about, or a second note for one: the provider keeps one per account
            }

            var input = ReasonInput.Check(ImportedAction, note.Text, [ImportedTag]);
            if (input.Problem is not null)
            {
                tally.Skipped++; // too long, or not valid text: a reason could not hold it
                continue;
            }

            var now = DatabaseClock.Now(time);
            var content = new ReasonContent(account.Id, 1, input.Action, input.Text, input.Tags, now);
            var reason = ReasonCipher.Seal(keys, Guid.NewGuid(), content, now, now);
            var outcome = await reasons.CreateUnlessAsync(
                reason, existing => existing.Any(row => ReasonView.TryOpen(keys, row)?.Content.Text == input.Text), cancellationToken);
            switch (outcome)
            {
                case ReasonCreation.Created:
                    tally.Imported++;
                    break;
                case ReasonCreation.AlreadyThere:
                    tally.AlreadyImported++;
                    break;
                default:
                    tally.Skipped++; // the account was deleted meanwhile
                    break;
            }
        }
    }

    private static AccountDocument? TryOpen(UserKeyRing keys, AccountRow row)
    {
        try
        {
            return AccountCipher.Open(keys, row);
        }
        catch (CiphertextException)
        {
            return null;
        }
    }

    private sealed class Tally
    {
        public int Checked { get; set; }

        public int Imported { get; set; }

        public int AlreadyImported { get; set; }

        public int Skipped { get; set; }
    }
}
