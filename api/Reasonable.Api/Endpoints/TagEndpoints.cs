using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Accounts;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Http;
using Reasonable.Api.RateLimits;
using Reasonable.Api.Reasons;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// The user's tags: each with how many reasons and accounts carry it (tags are encrypted, so every reason is opened),
/// and renaming or merging one across all reasons: the affected reasons are re-encrypted and their versions go up
/// (an editor open on one of them gets the usual 412), all in one transaction.
/// </summary>
public static class TagEndpoints
{
    private const int Batch = 1000;

    public static IEndpointRouteBuilder MapTagEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tags").WithTags("Tags").RequireAuthorization();
        group.MapGet("/", ListAsync).WithName("ListTags")
            .WithSummary("Your tags, most used first, each with how many reasons and accounts carry it.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/rename", RenameAsync).WithName("RenameTag").RequireRateLimit(LimitedAction.Write)
            .WithSummary("Renames a tag on every reason that has it (into a tag you already have, this merges them). All or nothing; each changed reason's version goes up.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<Ok<TagListResponse>, ProblemHttpResult>> ListAsync(CurrentUser current, TagRepository tags, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        var found = new Dictionary<string, (string Shown, int Reasons, HashSet<Guid> Accounts)>(StringComparer.Ordinal);
        var unreadable = 0;
        var after = Guid.Empty;
        while (true)
        {
            var batch = await tags.BatchAsync(keys.UserId, after, Batch, cancellationToken);
            foreach (var row in batch)
            {
                if (ReasonView.TryOpen(keys, row) is not { } view)
                {
                    unreadable++;
                    continue;
                }

                foreach (var tag in view.Content.Tags)
                {
                    var key = Tags.Normalize(tag);
                    var entry = found.TryGetValue(key, out var existing) ? existing : (tag, 0, []);
                    entry.Accounts.Add(row.AccountId);
                    found[key] = (entry.Shown, entry.Reasons + 1, entry.Accounts);
                }
            }

            if (batch.Count < Batch)
            {
                break;
            }

            after = batch[^1].Id;
        }

        return TypedResults.Ok(new TagListResponse(
            [.. found.Values.OrderByDescending(tag => tag.Reasons).ThenBy(tag => tag.Shown, StringComparer.OrdinalIgnoreCase).Select(tag => new TagResponse(tag.Shown, tag.Reasons, tag.Accounts.Count))],
            unreadable));
    }

    private static async Task<Results<Ok<TagRenameResponse>, ProblemHttpResult>> RenameAsync(
        TagRenameRequest request, CurrentUser current, TagRepository tags, TimeProvider time, CancellationToken cancellationToken)
    {
        if (current.Keys is not { } keys)
        {
            return Problems.KeysUnavailable();
        }

        var from = request.From?.Trim();
        if (string.IsNullOrEmpty(from))
        {
            return Problems.Invalid("from", "from is the tag to rename, as you use it.");
        }

        if (ReasonInput.Check("other", "-", [request.To]) is not { Problem: null, Tags: [var to] })
        {
            return Problems.Invalid("to", $"to is the new name: 1 to {ReasonInput.MaxTagLength} characters on one line, without commas.");
        }

        var now = DatabaseClock.Now(time);
        var renamed = await tags.RewriteAsync(keys.UserId, BlindIndexes.Tag(keys, from), row =>
        {
            // The index is truncated: only reasons that really carry the tag change; ones that do not open are left.
            if (ReasonView.TryOpen(keys, row) is not { } view || !view.Content.Tags.Any(tag => Tags.Same(tag, from)))
            {
                return null;
            }

            var renamedTags = new List<string>();
            foreach (var tag in view.Content.Tags.Select(tag => Tags.Same(tag, from) ? to : tag))
            {
                if (!renamedTags.Any(existing => Tags.Same(existing, tag)))
                {
                    renamedTags.Add(tag);
                }
            }

            var content = view.Content with { Version = row.Version + 1, Tags = renamedTags };
            return ReasonCipher.Seal(keys, row.Id, content, row.CreatedAt, now);
        }, cancellationToken);
        return TypedResults.Ok(new TagRenameResponse(renamed));
    }
}

/// <summary>A tag as you spell it most, with how many reasons and accounts carry it.</summary>
public sealed record TagResponse(string Tag, int Reasons, int Accounts);

/// <summary>Your tags, most used first; <c>unreadable</c> counts reasons that failed their integrity check and are not counted.</summary>
public sealed record TagListResponse(IReadOnlyList<TagResponse> Items, int Unreadable);

/// <summary>Rename the tag <c>from</c> to <c>to</c> on every reason (merging them when you already use <c>to</c>).</summary>
public sealed record TagRenameRequest([property: Required] string? From, [property: Required] string? To);

/// <summary>How many reasons were changed (each one's version went up by one).</summary>
public sealed record TagRenameResponse(int Reasons);
