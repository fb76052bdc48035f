using Reasonable.Api.Http;
using Reasonable.Api.Providers;

namespace Reasonable.Api.Endpoints;

/// <summary>GET /key-list: the page the key list's text links to, for someone who finds the list and wonders.</summary>
public static class KeyListHelpPage
{
    public static IEndpointRouteBuilder MapKeyListHelpPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/key-list", () => HtmlPage.Render(
            StatusCodes.Status200OK,
            $"About the list \"{KeyListName.Value}\"",
            string.Concat(
                HtmlPage.Paragraph("Reasonable keeps private notes on why you blocked, muted or followed accounts. The notes are encrypted, and the key that opens them is kept here, on your own account, in this private list: not in Reasonable's database."),
                HtmlPage.Paragraph("Please leave the list exactly as it is. The strange characters at the end of its text are your key, itself encrypted: on its own it opens nothing, and only Reasonable's server can use it, for you."),
                HtmlPage.Paragraph("If you delete or change the list, Reasonable cannot open your notes until you restore it with the recovery code you saved, or undo the change. If you stop using Reasonable, delete your account there: that removes the list too."),
                HtmlPage.Paragraph("The list is private: only you can see it. It has no members and sends no notifications.")),
            "Open Reasonable",
            "/")).ExcludeFromDescription();
        return app;
    }
}
