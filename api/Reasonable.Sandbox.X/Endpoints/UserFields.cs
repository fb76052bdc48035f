using Reasonable.Sandbox.X.State;
using Reasonable.Sandbox.X.Responses;

namespace Reasonable.Sandbox.X.Endpoints;

/// <summary>
/// <c>user.fields</c>: X sends only <c>id</c>, <c>name</c>, <c>username</c> unless more are asked for. Names outside
/// the OpenAPI enum are a 400; known names the sandbox does not model are silently left out, as X does with absent values.
/// </summary>
public static class UserFields
{
    private static readonly HashSet<string> Known =
    [
        "confirmed_email", "connection_status", "created_at", "description", "entities", "id", "is_identity_verified",
        "location", "name", "parody", "profile_banner_url", "profile_image_url", "protected", "public_metrics",
        "receives_your_dm", "subscribes_to_you", "subscription", "subscription_type", "url", "username", "verified",
        "verified_followers_count", "verified_type", "withheld",
    ];

    public static bool TryParse(string? raw, out IReadOnlySet<string> fields, out IResult? error) =>
        FieldList.TryParse("user.fields", raw, Known, out fields, out error);

    public static Dictionary<string, object> Render(SandboxUser user, IReadOnlySet<string> fields, string avatarBase)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(fields);
        var json = new Dictionary<string, object> { ["id"] = user.Id, ["name"] = user.Name, ["username"] = user.Username };
        if (fields.Contains("profile_image_url"))
        {
            json["profile_image_url"] = $"{avatarBase}/avatars/{user.Id}.svg";
        }

        if (fields.Contains("description"))
        {
            json["description"] = user.Description;
        }

        if (fields.Contains("created_at"))
        {
            json["created_at"] = user.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (fields.Contains("protected"))
        {
            json["protected"] = user.Protected;
        }

        if (fields.Contains("verified"))
        {
            json["verified"] = false;
        }

        return json;
    }
}
