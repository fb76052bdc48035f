namespace Reasonable.Api.Providers;

/// <summary>The name every provider gives the private list that holds the user's key, so users recognise it anywhere.</summary>
public static class KeyListName
{
    public const string Value = "Reasonable key (pls keep)";
}
