using Reasonable.OAuth1;

namespace Reasonable.Sandbox.X.Auth;

/// <summary>What <see cref="OAuthGate"/> learned: either the error to send, or the verified request's parts.</summary>
public sealed class OAuthGateResult
{
    private OAuthGateResult(IResult? failure, OAuthAuthorization? authorization, IReadOnlyList<OAuthParameter> parameters)
    {
        Failure = failure;
        Authorization = authorization;
        Parameters = parameters;
    }

    public IResult? Failure { get; }

    public OAuthAuthorization? Authorization { get; }

    /// <summary>Decoded query and form-body parameters (the non-protocol part of what was signed).</summary>
    public IReadOnlyList<OAuthParameter> Parameters { get; }

    public RequestToken? RequestToken { get; private init; }

    public AccessToken? AccessToken { get; private init; }

    public static OAuthGateResult Fail(IResult failure) => new(failure, null, []);

    public static OAuthGateResult Pass(
        OAuthAuthorization authorization,
        IReadOnlyList<OAuthParameter> parameters,
        RequestToken? requestToken,
        AccessToken? accessToken) =>
        new(null, authorization, parameters) { RequestToken = requestToken, AccessToken = accessToken };

    /// <summary>A parameter from the header first, then the query or form body (RFC 5849 §3.5 allows all three).</summary>
    public string? Find(string name) =>
        Authorization?.Get(name) ?? Parameters.Where(p => p.Name == name).Select(p => p.Value).FirstOrDefault();
}
