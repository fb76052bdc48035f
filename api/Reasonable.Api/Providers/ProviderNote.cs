namespace Reasonable.Api.Providers;

/// <summary>The user's own note on an account, as the provider keeps it (plain text). Redacted in <see cref="ToString"/>: it is user data.</summary>
public sealed record ProviderNote(string AccountId, string Text)
{
    public override string ToString() => "ProviderNote { (redacted) }";
}
