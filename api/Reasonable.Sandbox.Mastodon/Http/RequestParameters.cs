using System.Text.Json;
using Reasonable.Sandbox.Mastodon.Responses;

namespace Reasonable.Sandbox.Mastodon.Http;

/// <summary>
/// A request's parameters the way Rails merges them: query string, then a form body (URL-encoded or multipart) or a
/// JSON object body, later ones winning. <c>name[]</c> and JSON arrays become several values of <c>name</c>.
/// </summary>
public sealed class RequestParameters
{
    private readonly Dictionary<string, List<string>> values = new(StringComparer.Ordinal);

    /// <summary>The last value given for <paramref name="name"/>, or null when absent.</summary>
    public string? this[string name] => values.TryGetValue(name, out var list) && list.Count > 0 ? list[^1] : null;

    public IReadOnlyList<string> All(string name) => values.TryGetValue(name, out var list) ? list : [];

    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>Parameters, or a 400 <c>{"error":…}</c> for a body that is not the JSON it claims to be.</summary>
    public static async Task<(RequestParameters? Parameters, IResult? Error)> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new RequestParameters();
        foreach (var (key, strings) in request.Query)
        {
            parameters.Set(key, strings.Select(s => s ?? string.Empty));
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var (key, strings) in form)
            {
                parameters.Set(key, strings.Select(s => s ?? string.Empty));
            }
        }
        else if (request.HasJsonContentType())
        {
            try
            {
                using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
                if (json.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var member in json.RootElement.EnumerateObject())
                    {
                        parameters.Set(member.Name, Strings(member.Value));
                    }
                }
            }
            catch (JsonException)
            {
                return (null, MastodonErrors.Error(StatusCodes.Status400BadRequest, "Error occurred while parsing request parameters"));
            }
        }

        return (parameters, null);
    }

    /// <summary>Rails' boolean cast: "0", "f", "false", "off" (any case) are false, blank is unset, anything else is true.</summary>
    public bool? Boolean(string name) => this[name] switch
    {
        null or "" => null,
        var v when v.ToLowerInvariant() is "0" or "f" or "false" or "off" => false,
        _ => true,
    };

    private static IEnumerable<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().SelectMany(Strings),
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Null => [string.Empty],
        JsonValueKind.True => ["true"],
        JsonValueKind.False => ["false"],
        JsonValueKind.Number => [value.GetRawText()],
        _ => [],
    };

    private void Set(string key, IEnumerable<string> strings)
    {
        var name = key.EndsWith("[]", StringComparison.Ordinal) ? key[..^2] : key;
        values[name] = [.. strings];
    }
}
