using Reasonable.Sandbox.Mastodon.Http;
using Reasonable.Sandbox.Mastodon.State;

namespace Reasonable.Sandbox.Mastodon.Endpoints;

/// <summary>
/// A list create or update as Mastodon's List model validates it, messages in Rails' order: replies_policy, then the
/// title (present; at most 256 characters, counted as code points, when the limit is on), then the 50-list limit.
/// </summary>
public sealed record ListChanges(string? Title, RepliesPolicy? RepliesPolicy, bool? Exclusive, IReadOnlyList<string> Errors)
{
    public const int TitleLimit = 256;
    public const int PerAccountLimit = 50;

    public static ListChanges Read(RequestParameters parameters, bool creating, int existingLists, bool titleLimit)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new List<string>();
        var rawPolicy = parameters["replies_policy"];
        RepliesPolicy? policy = rawPolicy switch
        {
            null => null,
            "followed" => State.RepliesPolicy.Followed,
            "list" => State.RepliesPolicy.List,
            "none" => State.RepliesPolicy.None,
            _ => null,
        };
        if (rawPolicy is not null && policy is null)
        {
            errors.Add("Replies policy is not included in the list");
        }

        var title = parameters["title"];
        if ((creating || title is not null) && string.IsNullOrWhiteSpace(title))
        {
            errors.Add("Title can't be blank");
        }
        else if (titleLimit && title is not null && title.EnumerateRunes().Count() > TitleLimit)
        {
            errors.Add($"Title is too long (maximum is {TitleLimit} characters)");
        }

        if (creating && existingLists >= PerAccountLimit)
        {
            errors.Add("You have reached the maximum number of lists");
        }

        return new ListChanges(title, policy, parameters.Boolean("exclusive"), errors);
    }
}
