namespace Reasonable.Api.Providers;

/// <summary>The words for each <see cref="Relation"/> in the API, the database and sentences for the user.</summary>
public static class RelationNames
{
    /// <summary>Every relation, in the order sync fetches them and lists show them.</summary>
    public static IReadOnlyList<Relation> All { get; } = [Relation.Blocked, Relation.Muted, Relation.Following];

    public static string Name(Relation relation) => relation switch
    {
        Relation.Blocked => "blocked",
        Relation.Muted => "muted",
        Relation.Following => "following",
        _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, "Unknown relation."),
    };

    /// <summary>The relation a word names, or null when it names none (case matters: the words are lower case).</summary>
    public static Relation? TryParse(string? name) => name switch
    {
        "blocked" => Relation.Blocked,
        "muted" => Relation.Muted,
        "following" => Relation.Following,
        _ => null,
    };

    public static Relation Parse(string name) =>
        TryParse(name) ?? throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown relation.");

    /// <summary>How a sentence for the user names the relation's accounts.</summary>
    public static string Describe(Relation relation) => relation switch
    {
        Relation.Blocked => "blocked accounts",
        Relation.Muted => "muted accounts",
        _ => "followed accounts",
    };
}
