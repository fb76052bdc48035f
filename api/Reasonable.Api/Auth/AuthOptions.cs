namespace Reasonable.Api.Auth;

/// <summary>Where the API and the web app live, and how long sign-in artefacts last.</summary>
public sealed class AuthOptions
{
    /// <summary>The API's public origin (PUBLIC_URL): the provider's callback and the key list's help link use it.</summary>
    public required Uri PublicUrl { get; init; }

    /// <summary>Where the callback sends the browser with its one-time code (WEB_APP_URL; PUBLIC_URL by default).</summary>
    public required Uri WebAppUrl { get; init; }

    public TimeSpan BrowserSessionLifetime { get; init; } = TimeSpan.FromHours(12);

    /// <summary>How long a web app session lasts when "keep me signed in on this device" was chosen at sign-in.</summary>
    public TimeSpan RememberedSessionLifetime { get; init; } = TimeSpan.FromDays(30);

    public TimeSpan SignInRequestLifetime { get; init; } = TimeSpan.FromMinutes(15);

    public TimeSpan SignInCodeLifetime { get; init; } = TimeSpan.FromMinutes(1);

    public static TimeSpan MaxPersonalTokenLifetime { get; } = TimeSpan.FromDays(366);

    /// <summary>The page the key list's text links to; short, because the smallest key slot (X's list description) holds 100 code points.</summary>
    public Uri HelpUrl => new(PublicUrl, "/key-list");

    public Uri CallbackUrl(string provider) => new(PublicUrl, $"/api/auth/{provider}/callback");
}
