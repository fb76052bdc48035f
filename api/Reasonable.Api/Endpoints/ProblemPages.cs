using Reasonable.Api.Http;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// GET /problems/{name}: every problem's <c>type</c> is an address, and this is the page behind it, saying what the
/// problem means and what to do (the catalogue is Http/ProblemTypes; docs/problems.md lists the same).
/// </summary>
public static class ProblemPages
{
    public static IEndpointRouteBuilder MapProblemPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/problems/{name}", (string name) => ProblemTypes.Find(name) is { } type
            ? HtmlPage.Render(
                StatusCodes.Status200OK,
                type.Title,
                string.Concat(
                    HtmlPage.Paragraph(type.Explanation),
                    HtmlPage.Paragraph($"Status: {string.Join(" or ", type.Statuses)}. Type: {type.Uri}."),
                    type.Members.Count == 0 ? string.Empty : HtmlPage.Paragraph($"Besides type, title, status and detail, it carries: {string.Join(", ", type.Members)}.")),
                "All problem types",
                "/problems")
            : HtmlPage.Render(StatusCodes.Status404NotFound, "No such problem type", HtmlPage.Paragraph("Reasonable has no problem of that name."), "All problem types", "/problems"))
            .WithMetadata(BrowserPage.Instance).ExcludeFromDescription();
        app.MapGet("/problems", () => HtmlPage.Render(
            StatusCodes.Status200OK,
            "Problems the API answers with",
            string.Concat(ProblemTypes.All.Select(type => HtmlPage.Paragraph($"{type.Uri} ({string.Join(", ", type.Statuses)}): {type.Title}.")))))
            .WithMetadata(BrowserPage.Instance).ExcludeFromDescription();
        return app;
    }
}
