using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reasonable.Tests.Sandbox;

/// <summary>
/// Checks a JSON body against X's own OpenAPI document (tests/Reasonable.Tests/Support/x-openapi-subset.json): types, required
/// members, enums, patterns, lengths, <c>$ref</c> and <c>oneOf</c>. In strict mode a member the schema does not
/// declare is an error too, which catches a misspelt field name that plain JSON Schema would let through.
/// </summary>
public sealed class OpenApiShape
{
    private readonly JsonElement document;

    private OpenApiShape(JsonElement document) => this.document = document;

    public static OpenApiShape Load()
    {
        var path = Find() ?? throw new FileNotFoundException(
            "tests/Reasonable.Tests/Support/x-openapi-subset.json is missing.");
        using var parsed = JsonDocument.Parse(File.ReadAllText(path));
        return new OpenApiShape(parsed.RootElement.Clone());
    }

    /// <summary>Errors for <paramref name="body"/> as the <paramref name="status"/> answer of <paramref name="method"/> <paramref name="route"/>.</summary>
    public IReadOnlyList<string> ValidateResponse(string method, string route, int status, JsonElement body)
    {
        var schema = document.GetProperty("paths").GetProperty(route).GetProperty(method.ToLowerInvariant())
            .GetProperty("responses").GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var errors = new List<string>();
        Check(body, schema, "$", strict: true, errors);
        return errors;
    }

    /// <summary>Errors for <paramref name="body"/> against <c>#/components/schemas/<paramref name="name"/></c>, not strict.</summary>
    public IReadOnlyList<string> ValidateSchema(string name, JsonElement body)
    {
        var errors = new List<string>();
        Check(body, document.GetProperty("components").GetProperty("schemas").GetProperty(name), "$", strict: false, errors);
        return errors;
    }

    private void Check(JsonElement value, JsonElement schema, string path, bool strict, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(value, Resolve(reference.GetString()!), path, strict, errors);
            return;
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

            return;
        }

        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "object":
                CheckObject(value, schema, path, strict, errors);
                break;
            case "array" when value.ValueKind != JsonValueKind.Array:
                errors.Add($"{path}: expected an array, got {value.ValueKind}");
                break;
            case "array":
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, schema.GetProperty("items"), $"{path}[{index++}]", strict, errors);
                }

                break;
            case "string":
                CheckString(value, schema, path, errors);
                break;
            case "integer" when value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _):
                errors.Add($"{path}: expected an integer, got {value}");
                break;
            case "boolean" when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
                errors.Add($"{path}: expected a boolean, got {value.ValueKind}");
                break;
            default:
                break;
        }
    }

    private void CheckObject(JsonElement value, JsonElement schema, string path, bool strict, List<string> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: expected an object, got {value.ValueKind}");
            return;
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}: missing required member `{name}`");
                }
            }
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var closed = strict || (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False);
        foreach (var member in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var memberSchema))
            {
                Check(member.Value, memberSchema, $"{path}.{member.Name}", strict, errors);
            }
            else if (closed)
            {
                errors.Add($"{path}: member `{member.Name}` is not in the schema");
            }
        }
    }

    private static void CheckString(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}: expected a string, got {value.ValueKind}");
            return;
        }

        var text = value.GetString()!;
        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => a.GetString() == text))
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

    private JsonElement Resolve(string reference)
    {
        var node = document;
        foreach (var part in reference.TrimStart('#', '/').Split('/'))
        {
            node = node.GetProperty(part);
        }

        return node;
    }

    /// <summary>A committed copy of X's v2 OpenAPI document (xdevplatform/docs, info.version 2.167), cut to our routes.</summary>
    private static string? Find()
    {
        var path = Support.RepositoryRoot.Combine("tests", "Reasonable.Tests", "Support", "x-openapi-subset.json");
        return File.Exists(path) ? path : null;
    }
}
