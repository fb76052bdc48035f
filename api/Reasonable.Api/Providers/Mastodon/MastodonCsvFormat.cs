using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;

namespace Reasonable.Api.Providers.Mastodon;

/// <summary>
/// Mastodon's own exports (Preferences → Import and export → Data export), one format per file:
/// <c>blocked_accounts.csv</c> (no header, one address a row), <c>muted_accounts.csv</c> (header
/// <c>Account address,Hide notifications</c>) and <c>following_accounts.csv</c> (header
/// <c>Account address,Show boosts,Notify on new posts,Languages</c>), RFC 4180 CSV. Addresses are
/// <c>name@server</c>, for the user's own server's accounts too; the files hold no ids and no dates, so accounts are
/// matched by address and the ones Reasonable does not know yet are looked up on the user's server.
/// </summary>
public sealed partial class MastodonCsvFormat(Relation relation) : IRelationFileFormat
{
    public const int MaxRows = 250_000;
    private const string AddressHeader = "Account address";

    public string Kind => relation switch
    {
        Relation.Blocked => "mastodon-blocked",
        Relation.Muted => "mastodon-muted",
        _ => "mastodon-following",
    };

    public string Provider => MastodonSignIn.ProviderName;

    public string Description => relation switch
    {
        Relation.Blocked => "Mastodon's blocked_accounts.csv",
        Relation.Muted => "Mastodon's muted_accounts.csv",
        _ => "Mastodon's following_accounts.csv",
    };

    /// <summary>The second header column that tells the muted and following files apart; the blocked file has no header.</summary>
    private string? SecondHeader => relation switch
    {
        Relation.Muted => "Hide notifications",
        Relation.Following => "Show boosts",
        _ => null,
    };

    public bool Recognizes(UploadedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Text is not { } text || FirstLine(text) is not { Length: > 0 } first)
        {
            return false;
        }

        if (first.StartsWith(AddressHeader + ",", StringComparison.Ordinal))
        {
            return SecondHeader is { } second && first[(AddressHeader.Length + 1)..].StartsWith(second, StringComparison.Ordinal);
        }

        // No header: the blocked accounts, or (refused by Read with a sentence) the blocked servers.
        return relation == Relation.Blocked && (Address().IsMatch(first) || Domain().IsMatch(first));
    }

    public IReadOnlyList<RelationFileEntry> Read(UploadedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var text = file.Text ?? throw new RelationFileException("The file is not UTF-8 text, as Mastodon's exports are.");
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            BadDataFound = null,
            DetectColumnCountChanges = false,
            IgnoreBlankLines = true,
            Mode = CsvMode.RFC4180,
        };
        var entries = new List<RelationFileEntry>();
        using var reader = new StringReader(text);
        using var csv = new CsvParser(reader, configuration);
        var first = true;
        try
        {
            while (csv.Read())
            {
                var row = csv.Row;
                var address = csv.Record is [var value, ..] ? value.Trim() : string.Empty;
                if (first && address == AddressHeader)
                {
                    first = false;
                    continue;
                }

                if (first && relation == Relation.Blocked && Domain().IsMatch(address) && !address.Contains('@', StringComparison.Ordinal))
                {
                    throw new RelationFileException(
                        "This looks like Mastodon's blocked_domains.csv: it lists servers, and Reasonable keeps reasons about accounts. Upload blocked_accounts.csv instead.");
                }

                first = false;
                if (!Address().IsMatch(address))
                {
                    throw new RelationFileException($"Row {row} is not an account address (name@server) in its first column, as Mastodon writes them.");
                }

                if (entries.Count >= MaxRows)
                {
                    throw new RelationFileException($"The file has more than {MaxRows:N0} rows; Reasonable imports at most that many at once.") { TooLarge = true };
                }

                entries.Add(new RelationFileEntry(row, null, address.TrimStart('@'), relation));
            }
        }
        catch (CsvHelperException exception)
        {
            throw new RelationFileException($"The file is not valid CSV near row {exception.Context?.Parser?.Row ?? 0}.", exception);
        }

        return entries;
    }

    private static string? FirstLine(string text)
    {
        var trimmed = text.TrimStart('\r', '\n');
        var end = trimmed.IndexOfAny(['\r', '\n']);
        return (end < 0 ? trimmed : trimmed[..end]).Trim();
    }

    // name@server: Mastodon's usernames are letters, digits and underscores (dots and hyphens inside on other servers).
    [GeneratedRegex(@"\A@?[\p{L}\p{N}_][\p{L}\p{N}_.\-]{0,63}@[\p{L}\p{N}][\p{L}\p{N}.\-]{0,252}(?::[0-9]{1,5})?\z")]
    private static partial Regex Address();

    [GeneratedRegex(@"\A[\p{L}\p{N}*][\p{L}\p{N}.\-*]{0,252}\.[\p{L}\p{N}\-]{2,63}\z")]
    private static partial Regex Domain();
}
