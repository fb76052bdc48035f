namespace Reasonable.OAuth1;

/// <summary>One decoded name/value pair that takes part in a signature (query, form body or protocol parameter).</summary>
public readonly record struct OAuthParameter(string Name, string Value);
