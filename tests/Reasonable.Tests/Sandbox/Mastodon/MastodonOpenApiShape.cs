using System.Globalization;
using System.Text.Json;

namespace Reasonable.Tests.Sandbox.Mastodon;

/// <summary>
/// Checks a JSON body against Mastodon's OpenAPI document (tests/Reasonable.Tests/Support/mastodon-openapi-subset.json).
/// That document is OpenAPI 3.1, whose nullable members are <c>"type": ["string", "null"]</c> and
/// <c>oneOf: [schema, {"type": "null"}]</c> — forms the X document's <see cref="OpenApiShape"/> does not read, hence a
/// validator of its own: types (one or a list), required members, enums, <c>$ref</c>, <c>oneOf</c>. Strict mode also
/// reports members the schema does not declare, which catches a misspelt field name.
/// </summary>
public sealed class MastodonOpenApiShape
{
    private readonly JsonElement document;

    private MastodonOpenApiShape(JsonElement document) => this.document = document;

    public static MastodonOpenApiShape Load()
    {
        var path = Support.RepositoryRoot.Combine("tests", "Reasonable.Tests", "Support", "mastodon-openapi-subset.json");
        using var parsed = JsonDocument.Parse(File.ReadAllText(path));
        return new MastodonOpenApiShape(parsed.RootElement.Clone());
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

    /// <summary>Errors for <paramref name="body"/> against <c>#/components/schemas/<paramref name="name"/></c>, strict.</summary>
    public IReadOnlyList<string> ValidateSchema(string name, JsonElement body)
    {
        var errors = new List<string>();
        Check(body, document.GetProperty("components").GetProperty("schemas").GetProperty(name), "$", strict: true, errors);
        return errors;
    }

    private void Check(JsonElement value, JsonElement schema, string path, bool strict, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(value, Resolve(reference.GetString()!), path, strict, errors);
        }

        if (schema.TryGetProperty("oneOf", out var options))
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

        if (!schema.TryGetProperty("type", out var type))
        {
            return;
        }

        var types = type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)] : new[] { type.GetString()! };
        var actual = TypeOf(value);
        if (!types.Contains(actual) && !(actual == "integer" && types.Contains("number")))
        {
            errors.Add($"{path}: expected {string.Join(" or ", types)}, got {actual} ({value})");
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
            case "string" when schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => a.GetString() == value.GetString()):
                errors.Add($"{path}: `{value.GetString()}` is not one of the enum values");
                break;
            default:
                break;
        }
    }

    private void CheckObject(JsonElement value, JsonElement schema, string path, bool strict, List<string> errors)
    {
        // A required member counts as declared even without a schema: the stored document lost Instance.description
        // (a member literally named "description") when its prose was stripped.
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(n => n.GetString()!).ToHashSet(StringComparer.Ordinal) : [];
        foreach (var name in required.Where(n => !value.TryGetProperty(n, out _)))
        {
            errors.Add($"{path}: missing required member `{name}`");
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        foreach (var member in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var memberSchema))
            {
                Check(member.Value, memberSchema, $"{path}.{member.Name}", strict, errors);
            }
            else if (strict && properties.ValueKind == JsonValueKind.Object && !required.Contains(member.Name))
            {
                errors.Add($"{path}: member `{member.Name}` is not in the schema");
            }
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
