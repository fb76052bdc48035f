namespace Reasonable.Api.Http;

/// <summary>
/// Marks a route a person's browser navigates to (sign-in's login and callback), so errors met there are answered
/// as a plain page rather than a problem document.
/// </summary>
public sealed class BrowserPage
{
    public static BrowserPage Instance { get; } = new();

    private BrowserPage()
    {
    }
}
