using System.Globalization;
using System.Text.Json;
using Reasonable.Sandbox.X.Responses;

namespace Reasonable.Sandbox.X.Endpoints;

/// <summary>
/// Reads and validates a <c>CreateListsRequest</c>/<c>UpdateListsRequest</c> body as X's schema states it:
/// <c>additionalProperties: false</c>, <c>name</c> 1–25 and <c>description</c> ≤ 100 characters. Characters are
/// counted as Unicode code points (JSON Schema's <c>maxLength</c> unit), so an astral character counts once even
/// though it is two UTF-16 units.
/// </summary>
public static class ListBody
{
    public const int MaxNameLength = 25;
    public const int MaxDescriptionLength = 100;

    public static async Task<(ListChanges? Changes, IResult? Error)> ReadAsync(HttpRequest request, bool nameRequired)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return (null, XErrors.InvalidBody("Request body is not valid JSON."));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, XErrors.InvalidBody("Request body must be a JSON object."));
            }

            string? name = null, description = null;
            bool? isPrivate = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name, property.Value.ValueKind)
                {
                    case ("name", JsonValueKind.String):
                        name = property.Value.GetString();
                        break;
                    case ("description", JsonValueKind.String):
                        description = property.Value.GetString();
                        break;
                    case ("private", JsonValueKind.True or JsonValueKind.False):
                        isPrivate = property.Value.GetBoolean();
                        break;
                    case ("name" or "description" or "private", _):
                        return (null, XErrors.InvalidBody($"$.{property.Name}: has the wrong type."));
                    default:
                        return (null, XErrors.InvalidBody(
                            $"$.{property.Name}: is not defined in the schema and the schema does not allow additional properties"));
                }
            }

            if (nameRequired && name is null)
            {
                return (null, XErrors.InvalidBody("$.name: is missing but it is required"));
            }

            if (name is not null && CodePoints(name) is var n and (< 1 or > MaxNameLength))
            {
                return (null, XErrors.InvalidRequest("name", name, string.Create(
                    CultureInfo.InvariantCulture, $"The `name` must be between 1 and {MaxNameLength} characters (it has {n})")));
            }

            if (description is not null && CodePoints(description) is var d and > MaxDescriptionLength)
            {
                return (null, XErrors.InvalidRequest("description", description, string.Create(
                    CultureInfo.InvariantCulture, $"The `description` must be at most {MaxDescriptionLength} characters (it has {d})")));
            }

            return (new ListChanges(name, description, isPrivate), null);
        }
    }

    public static int CodePoints(string value) => value.EnumerateRunes().Count();
}
