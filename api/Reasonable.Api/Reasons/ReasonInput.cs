using System.Text;
using Reasonable.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Reasonable.Api.Reasons;

/// <summary>
/// Checks what a caller wants to store in a reason. Either <see cref="Problem"/> says what to fix (naming the
/// field), or the values are ready: text as given, tags trimmed and de-duplicated case-insensitively.
/// </summary>
public sealed record ReasonInput(string Action, string Text, IReadOnlyList<string> Tags, ProblemHttpResult? Problem)
{
    public const int MaxTextLength = 10_000;
    public const int MaxTags = 20;
    public const int MaxTagLength = 50;

    public static ReasonInput Check(string? action, string? text, IReadOnlyList<string?>? tags)
    {
        if (!ReasonActions.IsKnown(action))
        {
            return Fail("action", $"action must be one of: {string.Join(", ", ReasonActions.All)}.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail("text", "Write the reason in text: it cannot be empty.");
        }

        if (!IsWellFormed(text))
        {
            return Fail("text", "text contains characters that are not valid Unicode text (a lone surrogate or a control character).");
        }

        var length = CountCharacters(text);
        if (length > MaxTextLength)
        {
            return Fail("text", $"text is {length:N0} characters long; a reason holds at most {MaxTextLength:N0}.");
        }

        var cleaned = new List<string>();
        foreach (var tag in tags ?? [])
        {
            var trimmed = tag?.Trim();
            // Commas separate tags where people type them (and in the CSV export), so a tag cannot hold one.
            if (string.IsNullOrEmpty(trimmed) || CountCharacters(trimmed) > MaxTagLength || !IsWellFormed(trimmed) || trimmed.Any(char.IsControl) || trimmed.Contains(','))
            {
                return Fail("tags", $"Each tag is 1 to {MaxTagLength} characters on one line, without commas.");
            }

            if (!cleaned.Any(existing => Reasonable.Api.Reasons.Tags.Same(existing, trimmed)))
            {
                cleaned.Add(trimmed);
            }
        }

        return cleaned.Count > MaxTags
            ? Fail("tags", $"A reason has at most {MaxTags} tags.")
            : new ReasonInput(action!, text, cleaned, null);
    }

    /// <summary>Characters as people count them: Unicode scalar values, so an emoji counts once, not twice.</summary>
    public static int CountCharacters(string value) => value.EnumerateRunes().Count();

    private static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var character = value[i];
            if (char.IsHighSurrogate(character) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(character) || (char.IsControl(character) && character is not ('\n' or '\r' or '\t')))
            {
                return false;
            }
        }

        return true;
    }

    private static ReasonInput Fail(string field, string message) => new(string.Empty, string.Empty, [], Problems.Invalid(field, message));
}
