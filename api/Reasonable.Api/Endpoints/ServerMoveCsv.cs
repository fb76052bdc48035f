using System.Buffers;
using System.Globalization;
using System.Text;
using Reasonable.Api.Providers;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// The import files of networks with servers, for a user moving from one server to another: one file per relation,
/// one account address (<c>name@server</c>) per row, in the exact shape those servers write and read back.
/// <c>blocked_accounts.csv</c> has no header; <c>muted_accounts.csv</c> is <c>Account address,Hide notifications</c>;
/// <c>following_accounts.csv</c> is <c>Account address,Show boosts,Notify on new posts,Languages</c>. Lines end in LF,
/// as the servers' own exports do (their importers read CRLF too).
/// <para>
/// Handles are hostile input and fields here are written bare, never quoted or formula-escaped (the importer would
/// read the quote or apostrophe as part of the address). So a handle is written only when it cannot break the file or
/// be taken for something else: exactly one <c>@</c> between a name and a server, and no comma, quote, whitespace,
/// control or invisible formatting character, and no leading <c>= + - @</c> a spreadsheet would run. Real addresses
/// never contain these; a row that does is skipped and counted. A handle without a server is skipped too: the new
/// server would read it as one of its own accounts.
/// </para>
/// </summary>
public static class ServerMoveCsv
{
    public static string FileName(Relation relation) => relation switch
    {
        Relation.Blocked => "blocked_accounts.csv",
        Relation.Muted => "muted_accounts.csv",
        _ => "following_accounts.csv",
    };

    /// <summary>The header line, or null for the blocks file, which has none.</summary>
    public static string? Header(Relation relation) => relation switch
    {
        Relation.Blocked => null,
        Relation.Muted => "Account address,Hide notifications\n",
        _ => "Account address,Show boosts,Notify on new posts,Languages\n",
    };

    /// <summary>
    /// The row for one account: the address, then (muted) notifications hidden, or (following) boosts shown, no
    /// notifications for new posts and every language. Null when the handle is not safe to write as it is.
    /// </summary>
    public static string? Row(Relation relation, string handle)
    {
        if (!IsWritable(handle))
        {
            return null;
        }

        return relation switch
        {
            Relation.Blocked => handle + "\n",
            Relation.Muted => handle + ",true\n",
            _ => handle + ",true,false,\n",
        };
    }

    /// <summary>Whether a handle is an account address that can be written as a bare CSV field and read back unchanged.</summary>
    public static bool IsWritable(string? handle)
    {
        if (string.IsNullOrEmpty(handle) || handle[0] is '=' or '+' or '-' or '@')
        {
            return false;
        }

        var at = handle.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == handle.Length - 1 || handle.IndexOf('@', at + 1) >= 0)
        {
            return false;
        }

        var rest = handle.AsSpan();
        while (!rest.IsEmpty)
        {
            // A lone surrogate would be written as U+FFFD, a different address.
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done)
            {
                return false;
            }

            if (rune.Value is ',' or '"' || Rune.IsWhiteSpace(rune) || Rune.IsControl(rune)
                || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }
}
