using System.Globalization;
using System.Text;

namespace Reasonable.Api.Accounts;

/// <summary>
/// Free-text matching after decryption: case- and accent-insensitive ("cafe" finds "Café"), by folding both sides
/// to lower-case letters without combining marks and comparing ordinally.
/// </summary>
public sealed class SearchText
{
    private readonly string folded;

    public SearchText(string query) => folded = Fold(query);

    public bool FoundIn(string? text) => text is not null && Fold(text).Contains(folded, StringComparison.Ordinal);

    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length);
        foreach (var character in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) != UnicodeCategory.NonSpacingMark)
            {
                result.Append(char.ToLowerInvariant(character));
            }
        }

        return result.ToString();
    }
}
