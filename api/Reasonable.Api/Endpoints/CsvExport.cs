using System.Globalization;
using System.Text;
using Reasonable.Api.Accounts;

namespace Reasonable.Api.Endpoints;

/// <summary>
/// The CSV export (RFC 4180): one row per reason, or one row for an account without reasons. Every field is
/// quoted; a field that a spreadsheet would run as a formula (starting = + - @, tab or CR) gets a leading
/// apostrophe (OWASP's advice), because display names are written by strangers. The JSON export is the lossless one.
/// </summary>
public static class CsvExport
{
    public static readonly string Header = Line(
        "account_id", "provider_account_id", "handle", "display_name", "avatar_url",
        "blocked", "blocked_since", "blocked_ended_at", "muted", "muted_since", "muted_ended_at",
        "following", "following_since", "following_ended_at",
        "reason_id", "action", "text", "tags", "reason_version", "reason_created_at", "reason_updated_at", "reason_occurred_at");

    public static IEnumerable<string> Rows(AccountDetailResponse detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var account = detail.Account;
        string[] accountFields =
        [
            account.Id.ToString(), account.ProviderAccountId, account.Handle, account.DisplayName ?? string.Empty, account.AvatarUrl ?? string.Empty,
            .. Relation(account.Relations.Blocked), .. Relation(account.Relations.Muted), .. Relation(account.Relations.Following),
        ];
        if (detail.Reasons.Count == 0)
        {
            yield return Line([.. accountFields, "", "", "", "", "", "", "", ""]);
            yield break;
        }

        foreach (var reason in detail.Reasons)
        {
            yield return Line(
            [
                .. accountFields, reason.Id.ToString(), reason.Action, reason.Text, string.Join(", ", reason.Tags),
                reason.Version.ToString(CultureInfo.InvariantCulture), Time(reason.CreatedAt), Time(reason.UpdatedAt), Time(reason.OccurredAt),
            ]);
        }
    }

    private static string[] Relation(RelationState? state) => state is null
        ? ["", "", ""]
        : [state.Active ? "yes" : "no", Time(state.Since), state.EndedAt is { } ended ? Time(ended) : ""];

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string Line(params string[] fields)
    {
        var line = new StringBuilder();
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            var field = fields[i];
            if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            {
                field = "'" + field;
            }

            line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return line.Append("\r\n").ToString();
    }
}
