using System.Text.Json;
using Reasonable.Api.Reasons;

namespace Reasonable.Api.Accounts;

/// <summary>
/// The documents inside ciphertexts, written and read. <see cref="StoredDocumentJson"/> (the generated serializer)
/// defines the format. Every listed account and reason is read here, so the shape it writes (its property names, in
/// any order, each once, all of a record's non-optional properties present) is read by a plain
/// <see cref="Utf8JsonReader"/> walk: 1.9 µs for an account where the generated reader, with its
/// constructor-argument cache, takes 3.5 µs (780 bytes, two relations; 2026-12-03). Anything else (a document
/// written before a property existed, a number as a string, a name in other case) goes to the generated reader; the
/// two agree on every document (StoredDocumentsTests).
/// </summary>
public static class StoredDocuments
{
    public static byte[] Write(AccountDocument document) => JsonSerializer.SerializeToUtf8Bytes(document, StoredDocumentJson.Default.AccountDocument);

    public static byte[] Write(ReasonContent content) => JsonSerializer.SerializeToUtf8Bytes(content, StoredDocumentJson.Default.ReasonContent);

    public static AccountDocument? ReadAccount(byte[] json) =>
        TryReadExactAccount(json) ?? JsonSerializer.Deserialize(json, StoredDocumentJson.Default.AccountDocument);

    public static ReasonContent? ReadReason(byte[] json) =>
        TryReadExactReason(json) ?? JsonSerializer.Deserialize(json, StoredDocumentJson.Default.ReasonContent);

    /// <summary>The document when it has exactly the written shape; null to leave it to the generated reader.</summary>
    public static AccountDocument? TryReadExactAccount(ReadOnlySpan<byte> json) => TryReadExact(json, ReadAccount);

    /// <summary>The content when it has exactly the written shape; null to leave it to the generated reader.</summary>
    public static ReasonContent? TryReadExactReason(ReadOnlySpan<byte> json) => TryReadExact(json, ReadReason);

    private delegate T? Reader<T>(ref Utf8JsonReader reader);

    /// <summary>One whole JSON value read by <paramref name="read"/>; null for anything else, malformed JSON included.</summary>
    private static T? TryReadExact<T>(ReadOnlySpan<byte> json, Reader<T> read)
        where T : class
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            return reader.Read() && read(ref reader) is { } value && !reader.Read() ? value : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static AccountDocument? ReadAccount(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        string? providerAccountId = null, handle = null, displayName = null, avatarUrl = null, profileUrl = null, movedTo = null;
        RelationState? blocked = null, muted = null, following = null;
        DateTimeOffset? muteEndReviewed = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var (bit, ok) = Seen(ref seen, AccountProperty(ref reader));
            if (!ok || !reader.Read())
            {
                return null;
            }

            switch (bit)
            {
                case 0: providerAccountId = reader.GetString(); break;
                case 1: handle = reader.GetString(); break;
                case 2: displayName = reader.GetString(); break;
                case 3: avatarUrl = reader.GetString(); break;
                case 4: if (!ReadRelation(ref reader, out blocked)) return null; break;
                case 5: if (!ReadRelation(ref reader, out muted)) return null; break;
                case 6: if (!ReadRelation(ref reader, out following)) return null; break;
                case 7: profileUrl = reader.GetString(); break;
                case 8: movedTo = reader.GetString(); break;
                default: muteEndReviewed = NullableDate(ref reader); break;
            }
        }

        // The first seven are the record's non-optional parameters; the generated reader decides a document without one.
        const int required = 0b111_1111;
        return reader.TokenType == JsonTokenType.EndObject && (seen & required) == required && providerAccountId is not null && handle is not null
            ? new AccountDocument(providerAccountId, handle, displayName, avatarUrl, blocked, muted, following, profileUrl, movedTo, muteEndReviewed)
            : null;
    }

    private static int AccountProperty(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("providerAccountId"u8) ? 0
        : reader.ValueTextEquals("handle"u8) ? 1
        : reader.ValueTextEquals("displayName"u8) ? 2
        : reader.ValueTextEquals("avatarUrl"u8) ? 3
        : reader.ValueTextEquals("blocked"u8) ? 4
        : reader.ValueTextEquals("muted"u8) ? 5
        : reader.ValueTextEquals("following"u8) ? 6
        : reader.ValueTextEquals("profileUrl"u8) ? 7
        : reader.ValueTextEquals("movedTo"u8) ? 8
        : reader.ValueTextEquals("muteEndReviewed"u8) ? 9
        : -1;

    private static bool ReadRelation(ref Utf8JsonReader reader, out RelationState? state)
    {
        state = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        DateTimeOffset firstSeen = default, since = default, lastSeen = default;
        DateTimeOffset? endedAt = null, expiresAt = null;
        List<RelationPeriod>? past = null;
        bool unconfirmed = false, startedByReasonable = false;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var (bit, ok) = Seen(ref seen, RelationProperty(ref reader));
            if (!ok || !reader.Read())
            {
                return false;
            }

            switch (bit)
            {
                case 0: firstSeen = reader.GetDateTimeOffset(); break;
                case 1: since = reader.GetDateTimeOffset(); break;
                case 2: lastSeen = reader.GetDateTimeOffset(); break;
                case 3: endedAt = NullableDate(ref reader); break;
                case 4: if ((past = ReadPeriods(ref reader)) is null) return false; break;
                case 5: expiresAt = NullableDate(ref reader); break;
                case 6: unconfirmed = reader.GetBoolean(); break;
                case 7: startedByReasonable = reader.GetBoolean(); break;
                default: reader.GetBoolean(); break; // "active" is written (a computed property) and never read
            }
        }

        const int required = 0b1_1111;
        if (reader.TokenType != JsonTokenType.EndObject || (seen & required) != required)
        {
            return false;
        }

        state = new RelationState(firstSeen, since, lastSeen, endedAt, past!, expiresAt, unconfirmed, startedByReasonable);
        return true;
    }

    private static int RelationProperty(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("firstSeen"u8) ? 0
        : reader.ValueTextEquals("since"u8) ? 1
        : reader.ValueTextEquals("lastSeen"u8) ? 2
        : reader.ValueTextEquals("endedAt"u8) ? 3
        : reader.ValueTextEquals("past"u8) ? 4
        : reader.ValueTextEquals("expiresAt"u8) ? 5
        : reader.ValueTextEquals("unconfirmed"u8) ? 6
        : reader.ValueTextEquals("startedByReasonable"u8) ? 7
        : reader.ValueTextEquals("active"u8) ? 8
        : -1;

    private static List<RelationPeriod>? ReadPeriods(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var periods = new List<RelationPeriod>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            DateTimeOffset since = default, endedAt = default;
            var seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var (bit, ok) = Seen(ref seen, reader.ValueTextEquals("since"u8) ? 0 : reader.ValueTextEquals("endedAt"u8) ? 1 : -1);
                if (!ok || !reader.Read())
                {
                    return null;
                }

                if (bit == 0)
                {
                    since = reader.GetDateTimeOffset();
                }
                else
                {
                    endedAt = reader.GetDateTimeOffset();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || seen != 0b11)
            {
                return null;
            }

            periods.Add(new RelationPeriod(since, endedAt));
        }

        return reader.TokenType == JsonTokenType.EndArray ? periods : null;
    }

    private static ReasonContent? ReadReason(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        Guid accountId = default;
        int version = 0;
        string? action = null, text = null;
        List<string>? tags = null;
        DateTimeOffset? occurredAt = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.ValueTextEquals("accountId"u8) ? 0
                : reader.ValueTextEquals("version"u8) ? 1
                : reader.ValueTextEquals("action"u8) ? 2
                : reader.ValueTextEquals("text"u8) ? 3
                : reader.ValueTextEquals("tags"u8) ? 4
                : reader.ValueTextEquals("occurredAt"u8) ? 5
                : -1;
            var (bit, ok) = Seen(ref seen, property);
            if (!ok || !reader.Read())
            {
                return null;
            }

            switch (bit)
            {
                case 0: accountId = reader.GetGuid(); break;
                case 1: version = reader.GetInt32(); break;
                case 2: action = reader.GetString(); break;
                case 3: text = reader.GetString(); break;
                case 4: if ((tags = ReadStrings(ref reader)) is null) return null; break;
                default: occurredAt = NullableDate(ref reader); break;
            }
        }

        const int required = 0b1_1111;
        return reader.TokenType == JsonTokenType.EndObject && (seen & required) == required && action is not null && text is not null
            ? new ReasonContent(accountId, version, action, text, tags!, occurredAt)
            : null;
    }

    private static List<string>? ReadStrings(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var strings = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            strings.Add(reader.GetString()!);
        }

        return reader.TokenType == JsonTokenType.EndArray ? strings : null;
    }

    /// <summary>Null for JSON null, else the date (throws on anything else, which sends the document to the generated reader).</summary>
    private static DateTimeOffset? NullableDate(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTimeOffset();

    /// <summary>Marks property <paramref name="bit"/> seen; not ok for an unknown property or one seen before.</summary>
    private static (int Bit, bool Ok) Seen(ref int seen, int bit)
    {
        if (bit < 0 || (seen & (1 << bit)) != 0)
        {
            return (bit, false);
        }

        seen |= 1 << bit;
        return (bit, true);
    }
}
