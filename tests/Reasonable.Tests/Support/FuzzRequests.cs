using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reasonable.Tests.Support;

/// <summary>One operation of the OpenAPI document, as the fuzzer needs it.</summary>
public sealed record FuzzOperation(string Method, string PathTemplate, string OperationId, JsonElement Operation);

/// <summary>A request the fuzzer made, described well enough to send it again by hand.</summary>
public sealed record FuzzRequest(HttpRequestMessage Message, string Description);

/// <summary>
/// Requests shaped by the OpenAPI document and then spoiled: values of the declared types (so a request gets past the
/// first check and reaches deeper code) mixed with wrong types, nulls, huge and odd Unicode strings, lone surrogates,
/// invalid UTF-8, bad cursors, bad If-Match values and wrong content types. Plausible values use the user's own ids
/// (and another user's when spoiled), dates in range and digits for provider ids. Seeded, so a failure can be replayed.
/// Request lines Kestrel itself refuses before any middleware runs (over 64 KiB, or a NUL in the path) are not made:
/// Kestrel answers those with a bare status, as <c>Http/RequestLimits</c> explains.
/// </summary>
/// <param name="ownIds">Ids of the signed-in user's own accounts, reasons, sessions and tokens.</param>
/// <param name="othersIds">Ids of another user's, which must behave exactly like missing ones.</param>
/// <param name="exportFile">The user's own JSON export, a file the import can take.</param>
public sealed class FuzzRequests(JsonElement document, Random random, Uri api, IReadOnlyList<string> ownIds, IReadOnlyList<string> othersIds, byte[] exportFile)
{
    /// <summary>Stands for a lone surrogate in a JSON text; System.Text.Json will not write one, so it is spliced in.</summary>
    private const string LoneSurrogateMark = "\u0001lone-surrogate\u0001";

    private static readonly string[] HostileStrings =
    [
        string.Empty,
        " ",
        "\uFFFE",
        "\uFFFF",
        "name\uFDD0",
        "a\u0000b",
        "\u202Eevil\u202C",
        "e" + new string('\u0301', 500),
        "👩‍👩‍👧‍👦",
        "\u00A0\u2028\u2029",
        "'; drop table users; --",
        "<script>alert(1)</script>",
        "%00%ff",
        "../../etc/passwd",
        "@",
        "@@@",
        "\"",
        "*",
        LoneSurrogateMark,
        "x" + LoneSurrogateMark + "y",
        new string('a', 5000),
        new string('界', 70_000),
    ];

    private static readonly string[] HostileQueryValues =
    [
        string.Empty, "-1", "0", "2147483648", "99999999999999999999", "1e309", "NaN", "true", "yes", "null", "[]",
        "%", "%zz", "%ED%A0%80", "%FF%FE", "%EF%BF%BE", "%00", "!!!", "AAAA", "eyJ9", new string('z', 3000),
    ];

    private static readonly string[] HostileIfMatch =
    [
        "*", "\"1\"", "W/\"1\"", "\"999999\"", "garbage", "\"\"", "\"1\", \"2\"", "W/\"1\", *", "\"", new string('"', 300),
    ];

    private static readonly string[] WrongContentTypes =
    [
        "text/plain", "application/xml", "application/json; charset=latin1", "application/json; charset=nope",
        "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=", ";;;", "*/*",
    ];

    /// <summary>
    /// Every operation in the document, deletions last so the ids they are given stay there for the rest, and deleting
    /// an account (which takes its reasons with it) last of all.
    /// </summary>
    public static List<FuzzOperation> Operations(JsonElement document)
    {
        var operations = new List<FuzzOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                if (method.Name is "get" or "post" or "put" or "delete" or "patch")
                {
                    operations.Add(new FuzzOperation(method.Name.ToUpperInvariant(), path.Name, method.Value.GetProperty("operationId").GetString()!, method.Value));
                }
            }
        }

        return [.. operations.OrderBy(operation => operation.Method == "DELETE").ThenBy(operation => operation.OperationId is "DeleteAccount" or "DeleteMe")];
    }

    /// <summary>A request for the operation; <paramref name="authorization"/> is sent as it is (or not at all when null).</summary>
    public FuzzRequest Make(FuzzOperation operation, string? authorization)
    {
        var notes = new List<string>();
        var path = new StringBuilder(operation.PathTemplate);
        var query = new List<string>();
        var headers = new List<(string Name, string Value)>();
        foreach (var parameter in Parameters(operation.Operation))
        {
            var name = parameter.GetProperty("name").GetString()!;
            var where = parameter.GetProperty("in").GetString();
            var schema = parameter.TryGetProperty("schema", out var declared) ? Resolve(declared) : default;
            switch (where)
            {
                case "path":
                    path.Replace("{" + name + "}", PathValue(name, schema));
                    break;
                case "query" when random.Next(2) > 0:
                    query.Add($"{Uri.EscapeDataString(name)}={QueryValue(schema)}");
                    break;
                case "header" when random.Next(3) > 0:
                    headers.Add((name, HeaderValue(name)));
                    break;
            }
        }

        if (random.Next(6) == 0)
        {
            query.Add($"{Pick(["unknown", "limit", "cursor", "q"])}={Pick(HostileQueryValues)}"); // undeclared or repeated
        }

        if (operation.Method is "PUT" or "POST" or "DELETE" && random.Next(4) == 0)
        {
            headers.Add(("If-Match", Pick(HostileIfMatch)));
        }

        var uri = path + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        var message = new HttpRequestMessage(new HttpMethod(operation.Method), new Uri(api, uri));
        if (authorization is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", authorization);
            notes.Add(authorization.Length > 20 ? authorization[..20] + "…" : authorization);
        }

        foreach (var (name, value) in headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
            notes.Add($"{name}: {Shorten(value)}");
        }

        if (operation.Operation.TryGetProperty("requestBody", out var body) || random.Next(8) == 0)
        {
            message.Content = Body(body.ValueKind == JsonValueKind.Object ? body : default, notes);
            message.Headers.ExpectContinue = true; // so a body over the limit is refused (413) before it is sent
        }

        return new FuzzRequest(message, $"{operation.Method} {Shorten(uri, 200)} [{string.Join("; ", notes)}]");
    }

    private HttpContent Body(JsonElement body, List<string> notes)
    {
        var declared = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("content", out var content)
            ? content.EnumerateObject().First()
            : default;
        var mediaType = declared.Value.ValueKind == JsonValueKind.Object ? declared.Name : "application/json";
        var schema = declared.Value.ValueKind == JsonValueKind.Object && declared.Value.TryGetProperty("schema", out var s) ? Resolve(s) : default;
        // A large body only where one is read: a route that never reads its body answers, and Kestrel then drops the
        // connection rather than drain a body over the limit, which says nothing about the route.
        var choice = random.Next(body.ValueKind == JsonValueKind.Object ? 10 : 9);
        if (mediaType == "multipart/form-data" && choice < 6)
        {
            notes.Add("multipart");
            return Multipart();
        }

        string text;
        string contentType = mediaType == "multipart/form-data" ? "application/json" : mediaType;
        switch (choice)
        {
            case < 3:
                text = Serialize(Value(schema, 0, spoil: false));
                notes.Add("body of the declared shape");
                break;
            case < 6:
                text = Serialize(Value(schema, 0, spoil: true));
                notes.Add("body with spoiled members");
                break;
            case 6:
                text = Pick(["[]", "\"text\"", "42", "null", "true", "{}", "{\"a\":{\"b\":{\"c\":[[[[[[]]]]]]}}}"]);
                notes.Add("another JSON type");
                break;
            case 7:
                notes.Add("malformed JSON");
                return Bytes(Pick([[(byte)'{'], "{\"a\":"u8.ToArray(), [0xFF, 0xFE, 0x00], "{\"a\":\"\\ud800\"}"u8.ToArray(), [0xC3, 0x28], "{\"a\":1,}"u8.ToArray(), []]), contentType);
            case 8:
                contentType = Pick(WrongContentTypes);
                text = Serialize(Value(schema, 0, spoil: false));
                notes.Add($"Content-Type: {contentType}");
                break;
            default:
                text = "{\"x\":\"" + new string('a', random.Next(2) == 0 ? 100_000 : 2_000_000) + "\"}";
                notes.Add("large body");
                break;
        }

        return Bytes(Encoding.UTF8.GetBytes(text), contentType);
    }

    private static ByteArrayContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private MultipartFormDataContent Multipart()
    {
        var form = new MultipartFormDataContent();
        var file = random.Next(6) switch
        {
            4 or 5 => exportFile, // the user's own export: a file the import can take
            0 => RandomBytes(random.Next(1, 4000)),
            1 => Encoding.UTF8.GetBytes("account_id,reason\n" + Pick(HostileStrings).Replace(LoneSurrogateMark, "\uD800", StringComparison.Ordinal) + ",x\n"),
            2 => Encoding.UTF8.GetBytes("window.YTD.block.part0 = [{\"blocking\":{\"accountId\":\"" + Pick(["1", "-1", "x", "99999999999999999999999"]) + "\"}}]"),
            _ => Encoding.UTF8.GetBytes("{\"format\":\"reasonable-export\",\"accounts\":[{\"providerAccountId\":" + Pick(["null", "1", "\"\"", "[]"]) + "}]}"),
        };
        form.Add(new ByteArrayContent(file), random.Next(5) == 0 ? "other" : "file", Pick(["export.json", "block.js", "blocked_accounts.csv", "archive.zip", "..\\..\\x", "ﬁle\uFFFE.csv"]));
        if (random.Next(2) == 0)
        {
            form.Add(new StringContent(Pick(["reasonable", "x-archive", "mastodon-blocks", "unknown", string.Empty, "\uFFFE"])), "kind");
        }

        return form;
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A value of the schema: valid members, or (when spoiled) each member with a fair chance of being wrong.</summary>
    private JsonNode? Value(JsonElement schema, int depth, bool spoil)
    {
        if (spoil && random.Next(4) == 0)
        {
            return Hostile();
        }

        if (schema.ValueKind != JsonValueKind.Object || depth > 5)
        {
            return JsonValue.Create("x");
        }

        if (schema.TryGetProperty("enum", out var options))
        {
            var values = options.EnumerateArray().ToList();
            return JsonNode.Parse(values[random.Next(values.Count)].GetRawText());
        }

        switch (TypeOf(schema))
        {
            case "object":
                var node = new JsonObject();
                var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(name => name.GetString()).ToHashSet() : [];
                if (schema.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        // Plausible bodies carry every required member and half the optional ones.
                        if (required.Contains(property.Name) ? !spoil || random.Next(6) > 0 : random.Next(spoil ? 6 : 2) > 0)
                        {
                            node[property.Name] = property.Name.EndsWith("AccountId", StringComparison.Ordinal) && !spoil
                                ? JsonValue.Create($"3{random.Next(100_000_000, 999_999_999)}") // the provider's own ids are digits
                                : Value(Resolve(property.Value), depth + 1, spoil);
                        }
                    }
                }

                return node;
            case "array":
                var array = new JsonArray();
                var items = schema.TryGetProperty("items", out var declared) ? Resolve(declared) : default;
                for (var i = random.Next(spoil ? 600 : 4); i > 0; i--)
                {
                    array.Add(Value(items, depth + 1, spoil && random.Next(10) == 0));
                }

                return array;
            case "integer" when !spoil:
                var low = schema.TryGetProperty("minimum", out var minimum) ? minimum.GetInt64() : 1;
                var high = schema.TryGetProperty("maximum", out var maximum) ? maximum.GetInt64() : 50;
                return JsonValue.Create(random.NextInt64(low, high + 1));
            case "integer":
                return JsonValue.Create(Pick([0, 1, 7, 50, 365, 500, 501, -1, int.MaxValue, int.MinValue]));
            case "number":
                return JsonValue.Create(Pick([0.5, -1.0, 1e300]));
            case "boolean":
                return JsonValue.Create(random.Next(2) == 0);
            default:
                return schema.TryGetProperty("format", out var format) ? JsonValue.Create(Formatted(format.GetString(), spoil)) : JsonValue.Create(Text(spoil));
        }
    }

    private JsonNode? Hostile() => random.Next(7) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(Pick([-1L, 0L, long.MaxValue])),
        3 => new JsonArray(JsonValue.Create("a"), null),
        4 => new JsonObject { ["nested"] = JsonValue.Create("x") },
        _ => JsonValue.Create(Pick(HostileStrings)),
    };

    /// <summary>A value of the string format: a plausible one, or (when spoiled) anything from odd to impossible.</summary>
    private string Formatted(string? format, bool spoil) => (format, spoil) switch
    {
        ("uuid", false) => Pick(ownIds),
        ("uuid", _) => Pick([Guid.NewGuid().ToString(), .. othersIds, "not-a-uuid", Guid.Empty.ToString()]),
        ("date-time", false) => Pick(["2026-01-01T00:00:00Z", "2025-06-30T12:00:00+02:00"]),
        ("date-time", true) => Pick(["1899-12-31T00:00:00Z", "9999-12-31T23:59:59Z", "yesterday", "2026-13-40T25:61:00Z"]),
        ("date", false) => DateTime.UtcNow.AddDays(random.Next(2, 300)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ("date", true) => Pick(["1970-01-01", "2026-02-30", "9999-12-31", "soon"]),
        _ => Text(spoil),
    };

    private string Text(bool spoil = true) =>
        spoil && random.Next(3) == 0 ? Pick(HostileStrings) : Pick(["alice", "carol", "spam", "harassment", "a reason with words", "tag"]);

    private string PathValue(string name, JsonElement schema)
    {
        if (name == "provider")
        {
            return Pick(["x", "mastodon", "X", "bluesky", "%2e%2e", "x%20y", new string('p', 300)]);
        }

        var format = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var value = random.Next(6) switch
        {
            0 or 1 or 4 => Pick(ownIds),
            2 => Pick([Guid.NewGuid().ToString(), .. othersIds]),
            3 => Pick(["not-a-uuid", "00000000-0000-0000-0000-000000000000", "%ED%A0%80", "1", new string('f', 400)]),
            _ => format == "uuid" ? Guid.NewGuid().ToString("N") : "123",
        };
        return value.Contains('%', StringComparison.Ordinal) ? value : Uri.EscapeDataString(value);
    }

    private string QueryValue(JsonElement schema)
    {
        if (random.Next(3) == 0)
        {
            return Pick(HostileQueryValues);
        }

        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var options))
        {
            var values = options.EnumerateArray().ToList();
            return Uri.EscapeDataString(values[random.Next(values.Count)].ToString());
        }

        return TypeOf(schema) switch
        {
            "integer" => Pick(["1", "50", "200", "201", "0"]),
            "boolean" => Pick(["true", "false"]),
            _ => Uri.EscapeDataString(Shorten(Text().Replace(LoneSurrogateMark, "?", StringComparison.Ordinal), 2000)),
        };
    }

    private string HeaderValue(string name) => name.ToUpperInvariant() switch
    {
        "IF-MATCH" => random.Next(2) == 0 ? "*" : Pick(HostileIfMatch),
        "IDEMPOTENCY-KEY" => Pick([Guid.NewGuid().ToString(), string.Empty, new string('k', 300), "ünï"]),
        _ => Pick(["x", string.Empty, new string('h', 2000)]),
    };

    private IEnumerable<JsonElement> Parameters(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray().Select(Resolve) : [];

    /// <summary>Follows a <c>$ref</c> into the document's components, and the first non-null branch of oneOf/anyOf/allOf.</summary>
    private JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 10 && schema.ValueKind == JsonValueKind.Object; hops++)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                var target = document;
                foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
                {
                    target = target.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
                }

                schema = target;
                continue;
            }

            var branch = new[] { "oneOf", "anyOf", "allOf" }.FirstOrDefault(key => schema.TryGetProperty(key, out _));
            if (branch is null)
            {
                break;
            }

            schema = schema.GetProperty(branch).EnumerateArray().FirstOrDefault(option => TypeOf(option) != "null");
        }

        return schema;
    }

    private static string? TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type))
        {
            return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out _) ? "object" : null;
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : type.GetString();
    }

    private static string Serialize(JsonNode? node)
    {
        var text = node?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";
        return text.Replace("\\u0001lone-surrogate\\u0001", "\\ud800", StringComparison.Ordinal);
    }

    private static string Shorten(string text, int length = 40) => text.Length > length ? text[..length] + "…" : text;

    private T Pick<T>(IReadOnlyList<T> options) => options[random.Next(options.Count)];

    /// <summary>The Authorization header values a request may carry: none, the user's token, or a broken one.</summary>
    public string? Authorization(string token) => random.Next(8) switch
    {
        < 4 => $"Bearer {token}",
        4 => null,
        5 => $"Bearer {Tampered(token)}",
        6 => Pick(["Bearer ", "Bearer not.a.token", "Basic YWxpY2U6c2VjcmV0", "Bearer " + new string('a', 5000)]),
        _ => $"Bearer {token[..(token.Length / 2)]}",
    };

    private string Tampered(string token)
    {
        var characters = token.ToCharArray();
        var at = random.Next(characters.Length);
        characters[at] = characters[at] == 'A' ? 'B' : 'A';
        return new string(characters);
    }
}
