using Reasonable.Sandbox.Mastodon.State;

namespace Reasonable.Sandbox.Mastodon.Rendering;

/// <summary>Mastodon's List entity.</summary>
public sealed record ListJson(string Id, string Title, RepliesPolicy RepliesPolicy, bool Exclusive)
{
    public static ListJson From(MastodonList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return new ListJson(list.Id, list.Title, list.RepliesPolicy, list.Exclusive);
    }
}
