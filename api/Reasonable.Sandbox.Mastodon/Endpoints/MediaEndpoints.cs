using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Reasonable.Sandbox.Mastodon.Instances;
using Reasonable.Sandbox.Mastodon.Responses;

namespace Reasonable.Sandbox.Mastodon.Endpoints;

/// <summary>
/// Generated images for every account (so avatars load without any outside host) and a bare profile page behind
/// each account's <c>url</c>. Account text is escaped: display names are hostile input.
/// </summary>
public static class MediaEndpoints
{
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/avatars/{id}.svg", (string id, Federation federation) => Image(id, federation, avatar: true)).WithName("avatar");
        app.MapGet("/headers/{id}.svg", (string id, Federation federation) => Image(id, federation, avatar: false)).WithName("header");
        app.MapGet("/@{username}", Profile).WithName("profilePage");
        return app;
    }

    private static IResult Image(string id, Federation federation, bool avatar)
    {
        if (federation.FindAccount(id) is not { } account)
        {
            return MastodonErrors.RecordNotFound();
        }

        var hue = SHA256.HashData(Encoding.UTF8.GetBytes(account.Id))[0] * 360 / 256;
        var initial = HtmlEncoder.Default.Encode(account.Username[..1].ToUpperInvariant());
        var svg = avatar
            ? string.Create(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"96\" height=\"96\" viewBox=\"0 0 96 96\"><rect width=\"96\" height=\"96\" fill=\"hsl({hue},55%,45%)\"/><text x=\"48\" y=\"62\" font-family=\"sans-serif\" font-size=\"44\" text-anchor=\"middle\" fill=\"#fff\">{initial}</text></svg>")
            : string.Create(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1500\" height=\"500\" viewBox=\"0 0 1500 500\"><rect width=\"1500\" height=\"500\" fill=\"hsl({hue},35%,80%)\"/></svg>");
        return Results.Text(svg, "image/svg+xml", Encoding.UTF8);
    }

    private static IResult Profile(string username, Instance instance, Federation federation)
    {
        if (federation.FindAccount(instance, username) is not { } account)
        {
            return MastodonErrors.RouteNotFound();
        }

        var html = HtmlEncoder.Default;
        return Results.Content(
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.Encode(account.DisplayName)}</title></head>"
            + $"<body><img src=\"/avatars/{account.Id}.svg\" alt=\"\"><h1>{html.Encode(account.DisplayName)}</h1><p>@{html.Encode(account.Username)}@{html.Encode(instance.Domain)}</p><p>{html.Encode(account.Note)}</p></body></html>",
            "text/html; charset=utf-8",
            Encoding.UTF8);
    }
}
