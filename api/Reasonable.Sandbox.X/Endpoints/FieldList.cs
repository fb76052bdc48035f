using Reasonable.Sandbox.X.Responses;

namespace Reasonable.Sandbox.X.Endpoints;

/// <summary>A comma-separated <c>*.fields</c> parameter checked against its OpenAPI enum.</summary>
public static class FieldList
{
    public static bool TryParse(string parameter, string? raw, IReadOnlySet<string> known, out IReadOnlySet<string> fields, out IResult? error)
    {
        ArgumentNullException.ThrowIfNull(known);
        error = null;
        var parsed = new HashSet<string>(StringComparer.Ordinal);
        fields = parsed;
        if (raw is null)
        {
            return true;
        }

        foreach (var name in raw.Split(','))
        {
            if (!known.Contains(name))
            {
                error = XErrors.InvalidRequest(
                    parameter,
                    name,
                    $"The `{parameter}` query parameter value [{name}] is not one of [{string.Join(',', known.Order(StringComparer.Ordinal))}]");
                return false;
            }

            parsed.Add(name);
        }

        return true;
    }
}
