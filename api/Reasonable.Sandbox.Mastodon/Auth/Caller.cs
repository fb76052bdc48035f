using System.Reflection;
using Reasonable.Sandbox.Mastodon.Accounts;
using Reasonable.Sandbox.Mastodon.OAuth;

namespace Reasonable.Sandbox.Mastodon.Auth;

/// <summary>
/// Who is calling, as a handler parameter: the token and its user, either of which may be missing (an app-only token,
/// or none on a public route). <see cref="ApiAuthMiddleware"/> checked the token before the handler runs.
/// </summary>
public sealed class Caller(AccessToken? token, Account? user)
{
    private const string ItemKey = "Reasonable.Sandbox.Mastodon.Caller";

    public AccessToken? Token { get; } = token;

    public Account? User { get; } = user;

    /// <summary>The user, for routes declared with <see cref="ApiAccess.User"/>.</summary>
    public Account Account => User ?? throw new InvalidOperationException("The route needs ApiAccess.User to have a user.");

    public static ValueTask<Caller?> BindAsync(HttpContext http, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(http);
        return ValueTask.FromResult<Caller?>(http.Items[ItemKey] as Caller
            ?? throw new InvalidOperationException($"{parameter?.Name}: the endpoint needs .WithAccess(...) to know its caller."));
    }

    internal void Attach(HttpContext http) => http.Items[ItemKey] = this;
}
