using Reasonable.Api.Accounts;
using Reasonable.Api.Providers;

namespace Reasonable.Api.Sync;

/// <summary>The names sync_relations and sync_pages use for each relation, and what each is called elsewhere.</summary>
public static class SyncRelations
{
    public static string Name(Relation relation) => relation switch
    {
        Relation.Blocking => "blocking",
        Relation.Muting => "muting",
        Relation.Following => "following",
        _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, "Unknown relation."),
    };

    public static Relation Parse(string name) => name switch
    {
        "blocking" => Relation.Blocking,
        "muting" => Relation.Muting,
        "following" => Relation.Following,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown relation."),
    };

    /// <summary>How a sentence for the user names the relation's accounts.</summary>
    public static string Describe(string name) => Parse(name) switch
    {
        Relation.Blocking => "blocked accounts",
        Relation.Muting => "muted accounts",
        _ => "followed accounts",
    };

    public static AccountRelation ToAccountRelation(string name) => Parse(name) switch
    {
        Relation.Blocking => AccountRelation.Blocked,
        Relation.Muting => AccountRelation.Muted,
        _ => AccountRelation.Following,
    };
}
