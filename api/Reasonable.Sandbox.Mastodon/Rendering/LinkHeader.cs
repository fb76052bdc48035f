using Reasonable.Sandbox.Mastodon.Instances;
using Reasonable.Sandbox.Mastodon.State;

namespace Reasonable.Sandbox.Mastodon.Rendering;

/// <summary>
/// Mastodon's pagination header: <c>rel="next"</c> (max_id = the last row's id) only when the page is full,
/// <c>rel="prev"</c> (since_id = the first row's id) whenever it is not empty. Only <c>limit</c> is carried over, and
/// only if the request had it. The cursors are relation row ids, never account ids.
/// </summary>
public static class LinkHeader
{
    public static void Write(HttpResponse response, Instance instance, string path, string? rawLimit, IReadOnlyList<RelationRow> page, int limit)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(page);
        if (page.Count == 0)
        {
            return;
        }

        var carried = rawLimit is null ? string.Empty : $"limit={System.Uri.EscapeDataString(rawLimit)}&";
        var links = new List<string>();
        if (page.Count == limit)
        {
            links.Add($"<{instance.Url($"{path}?{carried}max_id={page[^1].RowId}")}>; rel=\"next\"");
        }

        links.Add($"<{instance.Url($"{path}?{carried}since_id={page[0].RowId}")}>; rel=\"prev\"");
        response.Headers.Link = string.Join(", ", links);
    }
}
