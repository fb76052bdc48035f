using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reasonable.Tests.Support;

/// <summary>
/// Checks a JSON body against a network's own OpenAPI document, committed beside this file: types, required members,
/// enums, patterns, lengths, <c>$ref</c> and <c>oneOf</c>. It reads both dialects the documents use: OpenAPI 3.0's
/// <c>"nullable": true</c> (X) and 3.1's <c>"type": ["string", "null"]</c> and <c>oneOf: [schema, {"type": "null"}]</c>
/// (Mastodon). In strict mode a member the schema does not declare is an error too, which catches a misspelt field
/// name that plain JSON Schema would let through. It reads our own document too (<see cref="ForReasonable"/>), which
/// wraps a nullable <c>$ref</c> in <c>allOf</c> beside <c>"nullable": true</c>.
/// </summary>
public sealed class OpenApiShape
{
    private readonly JsonElement document;

    private OpenApiShape(JsonElement document) => this.document = document;

    /// <summary>X's v2 document (xdevplatform/docs, info.version 2.167), cut to our routes; OpenAPI 3.0.</summary>
    public static OpenApiShape ForX() => Load("x-openapi-subset.json");

    /// <summary>Mastodon's document, cut to our routes; OpenAPI 3.1.</summary>
    public static OpenApiShape ForMastodon() => Load("mastodon-openapi-subset.json");

    /// <summary>Our own API's committed document (web/openapi.json); OpenAPI 3.0.</summary>
    public static OpenApiShape ForReasonable() => LoadPath(RepositoryRoot.Combine("web", "openapi.json"), "web/openapi.json");

    /// <summary>The document's root, for callers that walk its paths and operations.</summary>
    public JsonElement Document => document;

    /// <summary>Errors for <paramref name="body"/> against <paramref name="schema"/> (a schema of this document), strict.</summary>
    public IReadOnlyList<string> ValidateStrict(JsonElement schema, JsonElement body, string path = "$")
    {
        var errors = new List<string>();
        Check(body, schema, path, strict: true, errors);
        return errors;
    }

    /// <summary>Errors for <paramref name="body"/> as the <paramref name="status"/> answer of <paramref name="method"/> <paramref name="route"/>, strict.</summary>
    public IReadOnlyList<string> ValidateResponse(string method, string route, int status, JsonElement body)
    {
        var schema = document.GetProperty("paths").GetProperty(route).GetProperty(method.ToLowerInvariant())
            .GetProperty("responses").GetProperty(status.ToString(CultureInfo.InvariantCulture))
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var errors = new List<string>();
        Check(body, schema, "$", strict: true, errors);
        return errors;
    }

    /// <summary>
    /// Errors for <paramref name="body"/> against <c>#/components/schemas/<paramref name="name"/></c>, not strict: X's
    /// real 400 carries an <c>errors</c> array that its InvalidRequestProblem schema does not declare.
    /// </summary>
    public IReadOnlyList<string> ValidateSchema(string name, JsonElement body)
    {
        var errors = new List<string>();
        Check(body, document.GetProperty("components").GetProperty("schemas").GetProperty(name), "$", strict: false, errors);
        return errors;
    }

    private static OpenApiShape Load(string documentFileName) =>
        LoadPath(RepositoryRoot.Combine("tests", "Reasonable.Tests", "Support", documentFileName), $"tests/Reasonable.Tests/Support/{documentFileName}");

    private static OpenApiShape LoadPath(string path, string name)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{name} is missing.", path);
        }

        using var parsed = JsonDocument.Parse(File.ReadAllText(path));
        return new OpenApiShape(parsed.RootElement.Clone());
    }

    private void Check(JsonElement value, JsonElement schema, string path, bool strict, List<string> errors)
    {
        // OpenAPI 3.0 says a null is allowed with `"nullable": true`, also beside an allOf that holds a $ref.
        if (value.ValueKind == JsonValueKind.Null && schema.TryGetProperty("nullable", out var nullableHere) && nullableHere.ValueKind == JsonValueKind.True)
        {
            return;
        }

        // OpenAPI 3.1 keeps a $ref's siblings (`"type": "string", "$ref": …`), so both are checked.
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(value, Resolve(reference.GetString()!), path, strict, errors);
        }

        if (schema.TryGetProperty("oneOf", out var options))
        {
            CheckOneOf(value, options, path, strict, errors);
        }

        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray())
            {
                Check(value, part, path, strict, errors);
            }
        }

        if (!schema.TryGetProperty("type", out var type))
        {
            return;
        }

        var allowed = type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)] : new List<string> { type.GetString()! };
        if (schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True)
        {
            allowed.Add("null");
        }

        var actual = TypeOf(value);
        if (!allowed.Contains(actual) && !(actual == "integer" && allowed.Contains("number")))
        {
            errors.Add($"{path}: expected {string.Join(" or ", allowed)}, got {actual} ({value})");
            return;
        }

        switch (actual)
        {
            case "object":
                CheckObject(value, schema, path, strict, errors);
                break;
            case "array" when schema.TryGetProperty("items", out var items):
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, items, $"{path}[{index++}]", strict, errors);
                }

                break;
            case "string":
                CheckString(value.GetString()!, schema, path, errors);
                break;
            default:
                break;
        }
    }

    private void CheckOneOf(JsonElement value, JsonElement options, string path, bool strict, List<string> errors)
    {
        var matches = options.EnumerateArray().Count(option =>
        {
            var optionErrors = new List<string>();
            Check(value, option, path, strict, optionErrors);
            return optionErrors.Count == 0;
        });
        if (matches != 1)
        {
            errors.Add($"{path}: matches {matches} of the oneOf schemas, not exactly one");
        }
    }

    private void CheckObject(JsonElement value, JsonElement schema, string path, bool strict, List<string> errors)
    {
        // A required member counts as declared even without a schema: Mastodon's stored document lost
        // Instance.description (a member literally named "description") when its prose was stripped.
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(n => n.GetString()!).ToHashSet(StringComparer.Ordinal) : [];
        foreach (var name in required.Where(n => !value.TryGetProperty(n, out _)))
        {
            errors.Add($"{path}: missing required member `{name}`");
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        foreach (var member in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var memberSchema))
            {
                Check(member.Value, memberSchema, $"{path}.{member.Name}", strict, errors);
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(member.Value, additional, $"{path}.{member.Name}", strict, errors);
            }
            else if (!required.Contains(member.Name) && Closed(properties, additional, strict))
            {
                errors.Add($"{path}: member `{member.Name}` is not in the schema");
            }
        }
    }

    /// <summary>
    /// Whether undeclared members are errors: always under <c>additionalProperties: false</c>; in strict mode whenever
    /// the schema declares members. A bare <c>{"type": "object"}</c> is a free-form object either way.
    /// </summary>
    private static bool Closed(JsonElement properties, JsonElement additional, bool strict) =>
        additional.ValueKind == JsonValueKind.False
        || (strict && properties.ValueKind == JsonValueKind.Object && additional.ValueKind != JsonValueKind.True);

    private static void CheckString(string text, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String && v.GetString() == text))
        {
            errors.Add($"{path}: `{text}` is not one of the enum values");
        }

        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!))
        {
            errors.Add($"{path}: `{text}` does not match {pattern.GetString()}");
        }

        var length = text.EnumerateRunes().Count();
        if ((schema.TryGetProperty("minLength", out var min) && length < min.GetInt32())
            || (schema.TryGetProperty("maxLength", out var max) && length > max.GetInt32()))
        {
            errors.Add($"{path}: length {length} is outside the schema's bounds");
        }
    }

    private static string TypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private JsonElement Resolve(string reference)
    {
        var node = document;
        foreach (var part in reference.TrimStart('#', '/').Split('/'))
        {
            node = node.GetProperty(part);
        }

        return node;
    }
}
