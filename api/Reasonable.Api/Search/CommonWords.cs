using Microsoft.Extensions.Caching.Memory;

namespace Reasonable.Api.Search;

/// <summary>
/// Which searches were of a common word the last time a user ran them (their tokens in more rows than a page's worth),
/// so the next page, or the same search again, walks the list at once instead of first reading the index to learn
/// it again. Only a choice of plan: a wrong or forgotten answer costs time, never a result. Holds user ids and
/// token numbers (what the database holds), never a word.
/// </summary>
public sealed class CommonWords : IDisposable
{
    private const int MostRemembered = 10_000;

    private static readonly TimeSpan Forgotten = TimeSpan.FromMinutes(10);

    private readonly MemoryCache memory = new(new MemoryCacheOptions { SizeLimit = MostRemembered });

    /// <summary>True when these tokens were common for the user last time, false when not, null when not known.</summary>
    public bool? WasCommon(Guid userId, int[] tokens) =>
        memory.TryGetValue(Key(userId, tokens), out bool common) ? common : null;

    public void Remember(Guid userId, int[] tokens, bool common) =>
        memory.Set(Key(userId, tokens), common, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Forgotten });

    public void Dispose() => memory.Dispose();

    private static string Key(Guid userId, int[] tokens) => $"{userId:N}:{string.Join(',', tokens)}";
}
