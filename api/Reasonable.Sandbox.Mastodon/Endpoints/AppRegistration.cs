using Reasonable.Sandbox.Mastodon.Http;
using Reasonable.Sandbox.Mastodon.OAuth;

namespace Reasonable.Sandbox.Mastodon.Endpoints;

/// <summary>
/// A <c>POST /api/v1/apps</c> body checked as Mastodon's Doorkeeper application model checks it: name ≤ 60 characters,
/// absolute redirect URIs (or the out-of-band URN) without fragments or script schemes, ≤ 2000 characters in all,
/// and only configured scopes (default <c>read</c>).
/// </summary>
public sealed record AppRegistration(string Name, string? Website, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> Scopes, IReadOnlyList<string> Errors)
{
    public const string OutOfBand = "urn:ietf:wg:oauth:2.0:oob";
    public const int NameLimit = 60;
    public const int UriLimit = 2_000;

    private static readonly string[] ForbiddenSchemes = ["data", "vbscript", "javascript"];

    public static AppRegistration Read(RequestParameters parameters, bool preFourThree)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new List<string>();
        var name = parameters["client_name"] ?? string.Empty;
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("Name can't be blank");
        }
        else if (name.EnumerateRunes().Count() > NameLimit)
        {
            errors.Add($"Name is too long (maximum is {NameLimit} characters)");
        }

        // One string may hold several URIs separated by newlines; Mastodon splits the stored value on whitespace.
        var uris = parameters.All("redirect_uris").SelectMany(u => u.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToList();
        errors.AddRange(RedirectUriErrors(uris).Take(1));

        var scopes = OAuthScopes.Parse(parameters["scopes"]) ?? [OAuthScopes.Default];
        if (scopes.Except(OAuthScopes.KnownBy(preFourThree), StringComparer.Ordinal).Any())
        {
            errors.Add("Scopes doesn't match configured on the server.");
        }

        var website = parameters["website"];
        if (!string.IsNullOrEmpty(website) && (website.Length > UriLimit || !Uri.TryCreate(website, UriKind.Absolute, out var site) || site.Scheme is not ("http" or "https")))
        {
            errors.Add("Website is invalid");
        }

        return new AppRegistration(name, string.IsNullOrEmpty(website) ? null : website, uris, scopes, errors);
    }

    private static IEnumerable<string> RedirectUriErrors(List<string> uris)
    {
        if (uris.Count == 0)
        {
            yield return "Redirect URI can't be blank";
        }

        if (string.Join('\n', uris).Length > UriLimit)
        {
            yield return $"Redirect URI is too long (maximum is {UriLimit} characters)";
        }

        foreach (var uri in uris.Where(u => u != OutOfBand))
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || uri.StartsWith('/'))
            {
                yield return "Redirect URI must be an absolute URI.";
            }
            else if (ForbiddenSchemes.Contains(parsed.Scheme, StringComparer.OrdinalIgnoreCase))
            {
                yield return "Redirect URI is forbidden by the server.";
            }
            else if (uri.Contains('#', StringComparison.Ordinal))
            {
                yield return "Redirect URI cannot contain a fragment.";
            }
        }
    }
}
