namespace Reasonable.Api.Providers;

/// <summary>The accounts the user blocks, mutes and follows, a page at a time.</summary>
public interface IRelationSource
{
    /// <summary>One page of a relation; pass the previous page's cursor to go on. The last page has no cursor.</summary>
    Task<RelationPage> GetRelationPageAsync(ProviderAccess access, Relation relation, string? cursor, CancellationToken cancellationToken);
}
