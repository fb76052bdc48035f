using System.Globalization;
using Reasonable.Sandbox.X.State;

namespace Reasonable.Sandbox.X.Endpoints;

/// <summary><c>list.fields</c>: X sends only <c>id</c> and <c>name</c> by default; ask for <c>description,private</c>.</summary>
public static class ListFields
{
    private static readonly HashSet<string> Known =
        ["created_at", "description", "follower_count", "id", "member_count", "name", "private"];

    public static bool TryParse(string? raw, out IReadOnlySet<string> fields, out IResult? error) =>
        FieldList.TryParse("list.fields", raw, Known, out fields, out error);

    public static Dictionary<string, object> Render(SandboxList list, IReadOnlySet<string> fields)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(fields);
        var json = new Dictionary<string, object> { ["id"] = list.Id, ["name"] = list.Name };
        if (fields.Contains("description"))
        {
            json["description"] = list.Description;
        }

        if (fields.Contains("private"))
        {
            json["private"] = list.Private;
        }

        if (fields.Contains("created_at"))
        {
            json["created_at"] = list.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        if (fields.Contains("follower_count"))
        {
            json["follower_count"] = 0;
        }

        if (fields.Contains("member_count"))
        {
            json["member_count"] = 0;
        }

        return json;
    }
}
