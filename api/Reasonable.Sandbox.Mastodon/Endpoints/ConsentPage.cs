using System.Text;
using System.Text.Encodings.Web;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Sandbox.Mastodon.Instances;
using Reasonable.Sandbox.Mastodon.OAuth;

namespace Reasonable.Sandbox.Mastodon.Endpoints;

/// <summary>
/// The consent page: a plain HTML form without JavaScript, so a browser test and curl drive it alike. It posts back
/// to <c>/oauth/authorize</c> with the request's fields (hidden), <c>user_id</c> (radio: one of the instance's seeded
/// users) and <c>decision</c> (<c>authorize</c> or <c>deny</c>, the button pressed). Everything shown is HTML-escaped:
/// app names and display names are hostile input.
/// </summary>
public static class ConsentPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static IResult Render(AuthorizeRequest request, Instance instance, string? preselectedUsername)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(instance);
        var users = SeedAccounts.Named(instance.Index);
        var preselected = users.FirstOrDefault(u => string.Equals(u.Username, preselectedUsername, StringComparison.OrdinalIgnoreCase)) ?? users[0];
        var body = new StringBuilder()
            .Append($"<h1>Authorize {Html.Encode(request.App.Name)} to use your {Html.Encode(instance.Domain)} account?</h1>")
            .Append($"<p>It asks for: {Html.Encode(OAuthScopes.Join(request.Scopes))}</p>")
            .Append("<form method=\"post\" action=\"/oauth/authorize\">");
        Hidden(body, "client_id", request.App.ClientId);
        Hidden(body, "redirect_uri", request.RedirectUri);
        Hidden(body, "response_type", "code");
        Hidden(body, "scope", OAuthScopes.Join(request.Scopes));
        Hidden(body, "state", request.State);
        Hidden(body, "code_challenge", request.CodeChallenge);
        Hidden(body, "code_challenge_method", request.CodeChallenge is null ? null : "S256");
        body.Append("<fieldset><legend>Sign in as</legend>");
        foreach (var user in users)
        {
            var check = user == preselected ? " checked" : string.Empty;
            body.Append($"<label><input type=\"radio\" name=\"user_id\" value=\"{Html.Encode(user.Id)}\"{check}> ")
                .Append($"{Html.Encode(user.DisplayName)} @{Html.Encode(user.Username)}@{Html.Encode(instance.Domain)}</label><br>");
        }

        body.Append("</fieldset>")
            .Append("<button type=\"submit\" name=\"decision\" value=\"authorize\">Authorize</button> ")
            .Append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>")
            .Append("</form>");
        return Page($"Authorize app — {instance.Domain}", body.ToString(), StatusCodes.Status200OK);
    }

    /// <summary>400 for an unknown client or unregistered redirect URI: the one case that must not redirect.</summary>
    public static IResult Invalid(string description) =>
        Page("An error has occurred", $"<h1>An error has occurred</h1><p>{Html.Encode(description)}</p>", StatusCodes.Status400BadRequest);

    /// <summary>The out-of-band result: the user copies the code (or reads the error) into the app by hand.</summary>
    public static IResult OutOfBand(string title, string text) =>
        Page(title, $"<h1>{Html.Encode(title)}</h1><p><code>{Html.Encode(text)}</code></p>", StatusCodes.Status200OK);

    private static void Hidden(StringBuilder body, string name, string? value)
    {
        if (value is not null)
        {
            body.Append($"<input type=\"hidden\" name=\"{name}\" value=\"{Html.Encode(value)}\">");
        }
    }

    private static IResult Page(string title, string body, int status) =>
        Results.Content(
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Html.Encode(title)}</title></head><body>{body}</body></html>",
            "text/html; charset=utf-8",
            Encoding.UTF8,
            status);
}
