using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;

namespace Reasonable.Api.Http;

/// <summary>
/// The few plain pages a browser may land on outside the web app (a failed sign-in, the key list's help page).
/// Everything inserted is HTML-encoded; no scripts.
/// </summary>
public static class HtmlPage
{
    /// <summary>The pages' one stylesheet, inline; the Content-Security-Policy allows it by its hash alone.</summary>
    private const string Stylesheet =
        "body { font: 16px/1.5 system-ui, sans-serif; max-width: 38rem; margin: 3rem auto; padding: 0 1rem; color: #1d2430; background: #fbfbf8; } "
        + "@media (prefers-color-scheme: dark) { body { color: #e6e8eb; background: #16181c; } a { color: #8ab4f8; } } "
        + "h1 { font-size: 1.5rem; }";

    /// <summary>The stylesheet's CSP source expression (<c>sha256-…</c>).</summary>
    public static readonly string StylesheetHash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Stylesheet)));

    public static IResult Render(int status, string title, string message, string? linkText = null, string? linkHref = null)
    {
        var encoder = HtmlEncoder.Default;
        var link = linkText is null || linkHref is null
            ? string.Empty
            : $"<p><a href=\"{encoder.Encode(linkHref)}\">{encoder.Encode(linkText)}</a></p>";
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>{{encoder.Encode(title)}} · Reasonable</title>
            <style>{{Stylesheet}}</style>
            </head>
            <body>
            <h1>{{encoder.Encode(title)}}</h1>
            {{message}}
            {{link}}
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>A paragraph of plain text, encoded.</summary>
    public static string Paragraph(string text) => $"<p>{HtmlEncoder.Default.Encode(text)}</p>";
}
