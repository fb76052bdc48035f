using System.Text;
using System.Text.Encodings.Web;
using Reasonable.Sandbox.X.Auth;
using Reasonable.Sandbox.X.State;

namespace Reasonable.Sandbox.X.Endpoints;

/// <summary>
/// The consent page: a plain HTML form, no JavaScript, so a browser test and curl drive it alike. It posts to
/// <c>/oauth/authorize</c> with <c>oauth_token</c> (hidden), <c>user_id</c> (radio: one seeded user) and
/// <c>action</c> (<c>approve</c> or <c>deny</c>, the button pressed).
/// </summary>
public static class ConsentPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static IResult Render(RequestToken token, string? screenName, string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        var preselected = SeedData.NamedUsers.FirstOrDefault(u => string.Equals(u.Username, screenName, StringComparison.OrdinalIgnoreCase))
            ?? SeedData.NamedUsers[0];
        var body = new StringBuilder()
            .Append("<h1>Authorize app to use your account?</h1>")
            .Append(notice is null ? string.Empty : $"<p role=\"alert\">{Html.Encode(notice)}</p>")
            .Append("<form method=\"post\" action=\"/oauth/authorize\">")
            .Append($"<input type=\"hidden\" name=\"oauth_token\" value=\"{Html.Encode(token.Token)}\">")
            .Append("<fieldset><legend>Sign in as</legend>");
        foreach (var user in SeedData.NamedUsers)
        {
            var id = Html.Encode(user.Id);
            var check = user == preselected ? " checked" : string.Empty;
            body.Append($"<label><input type=\"radio\" name=\"user_id\" value=\"{id}\"{check}> {Html.Encode(user.Name)} @{Html.Encode(user.Username)} ({id})</label><br>");
        }

        body.Append("</fieldset>")
            .Append("<button type=\"submit\" name=\"action\" value=\"approve\">Authorize app</button> ")
            .Append("<button type=\"submit\" name=\"action\" value=\"deny\">Cancel</button>")
            .Append("</form>");
        return Page("Authorize app — X sandbox", body.ToString(), StatusCodes.Status200OK);
    }

    public static IResult Invalid() =>
        Page("Invalid request token", "<h1>This page is no longer valid.</h1><p>The request token is unknown, expired or already used.</p>", StatusCodes.Status400BadRequest);

    public static IResult Message(string title, string text) =>
        Page(title, $"<h1>{Html.Encode(title)}</h1><p>{Html.Encode(text)}</p>", StatusCodes.Status200OK);

    private static IResult Page(string title, string body, int status) =>
        Results.Content(
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Html.Encode(title)}</title></head><body>{body}</body></html>",
            "text/html; charset=utf-8",
            Encoding.UTF8,
            status);
}
