namespace Reasonable.Sandbox.Mastodon.Auth;

/// <summary>The token of an <c>Authorization: Bearer …</c> header.</summary>
public static class BearerToken
{
    /// <summary>The token, "" for a Bearer header without one (still "a token was sent"), or null without a Bearer header.</summary>
    public static string? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase) ? header[6..].Trim() : null;
    }
}
