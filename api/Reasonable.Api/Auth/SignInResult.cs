namespace Reasonable.Api.Auth;

/// <summary>The callback's outcome: a one-time code for the web app, or why there is none.</summary>
public sealed record SignInResult(string? Code, SignInFailure? Failure)
{
    public static SignInResult Succeeded(string code) => new(code, null);

    public static SignInResult Failed(SignInFailure failure) => new(null, failure);
}
