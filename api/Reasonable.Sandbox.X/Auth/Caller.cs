using System.Reflection;
using Reasonable.Sandbox.X.State;

namespace Reasonable.Sandbox.X.Auth;

/// <summary>
/// The authenticated user of a user-context request, as a handler parameter. <see cref="UserContextMiddleware"/>
/// verified the request before routing reached the handler; binding only picks up what it left.
/// </summary>
public sealed class Caller(SandboxUser user, AccessToken token)
{
    private const string ItemKey = "Reasonable.Sandbox.Caller";

    public SandboxUser User { get; } = user;

    public AccessToken Token { get; } = token;

    public string Id => User.Id;

    public static ValueTask<Caller?> BindAsync(HttpContext http, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(http);
        return ValueTask.FromResult<Caller?>(http.Items[ItemKey] as Caller
            ?? throw new InvalidOperationException($"{parameter?.Name}: the endpoint needs .WithUserContext(...) to authenticate its caller."));
    }

    internal void Attach(HttpContext http) => http.Items[ItemKey] = this;
}
