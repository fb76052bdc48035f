using Reasonable.Api.Providers.Mastodon;

namespace Reasonable.Tests.Providers;

public sealed class LinkHeaderTests
{
    private static readonly Uri Route = new("https://fedi.example/api/v1/blocks?limit=80");

    [Theory]
    [InlineData("<https://fedi.example/api/v1/blocks?limit=80&max_id=441449>; rel=\"next\", <https://fedi.example/api/v1/blocks?limit=80&since_id=1>; rel=\"prev\"", "https://fedi.example/api/v1/blocks?limit=80&max_id=441449")]
    [InlineData("<https://fedi.example/p?since_id=1>; rel=\"prev\", <https://fedi.example/n>; rel=next", "https://fedi.example/n")]
    [InlineData("<https://a/x>; title=\"a, b; c\"; rel=\"prev next\"", "https://a/x")]
    [InlineData("<https://a/x,y>;rel=NEXT", "https://a/x,y")]
    [InlineData("<https://a/1>; rel=\"prev\"; rel=\"next\"", null)] // only the first rel counts
    [InlineData("<https://a/1>; rel=\"prev\"", null)]
    [InlineData("", null)]
    [InlineData("  ,  ", null)]
    public void TryFindTarget_ReadsRfc8288(string header, string? expected)
    {
        Assert.True(LinkHeader.TryFindTarget([header], "next", out var target));
        Assert.Equal(expected, target);
    }

    [Fact]
    public void TryFindTarget_ReadsSeveralHeaderFields()
    {
        Assert.True(LinkHeader.TryFindTarget(["<https://a/p>; rel=prev", "<https://a/n>; rel=next"], "next", out var target));
        Assert.Equal("https://a/n", target);
    }

    [Theory]
    [InlineData("https://fedi.example/api/v1/blocks; rel=next")]
    [InlineData("<https://fedi.example/api/v1/blocks; rel=next")]
    [InlineData("<https://a/n>; rel=\"next")]
    [InlineData("<https://a/n> rel=next")]
    [InlineData("<https://a/n>; =next")]
    public void TryFindTarget_Malformed_IsFalse(string header)
    {
        Assert.False(LinkHeader.TryFindTarget([header], "next", out var target));
        Assert.Null(target);
    }

    [Theory]
    [InlineData("https://fedi.example/api/v1/blocks?limit=80&max_id=5")]
    [InlineData("https://FEDI.example/api/v1/blocks?max_id=5")]
    [InlineData("https://fedi.example:443/api/v1/blocks?max_id=5")]
    public void Continuing_SameOriginAndPath_IsFollowed(string cursor)
    {
        Assert.NotNull(MastodonCursor.Continuing(cursor, Route));
    }

    [Theory]
    [InlineData("https://evil.example/api/v1/blocks?max_id=5")]
    [InlineData("http://fedi.example/api/v1/blocks?max_id=5")]
    [InlineData("https://fedi.example:8443/api/v1/blocks?max_id=5")]
    [InlineData("https://fedi.example.evil.example/api/v1/blocks")]
    [InlineData("https://user@fedi.example/api/v1/blocks")]
    [InlineData("https://fedi.example/api/v1/mutes?max_id=5")]
    [InlineData("https://fedi.example/api/v1/blocks/../../oauth/revoke")]
    [InlineData("https://fedi.example/api/v1/blocks#x")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("/api/v1/blocks?max_id=5")]
    [InlineData("javascript:alert(1)")]
    [InlineData("")]
    [InlineData(null)]
    public void Continuing_Elsewhere_IsRefused(string? cursor)
    {
        Assert.Null(MastodonCursor.Continuing(cursor, Route));
    }

    [Fact]
    public void StoredCursor_LeavesOutTheInstanceAndTheUser_AndComesBackAsTheSameUrl()
    {
        var following = new Uri("https://fedi.example/api/v1/accounts/109000000000000001/following?limit=80");
        var next = new Uri("https://fedi.example/api/v1/accounts/109000000000000001/following?limit=80&max_id=2042");

        var cursor = MastodonCursor.From(next, following);

        Assert.Equal("following?limit=80&max_id=2042", cursor);
        Assert.Equal(next, MastodonCursor.Resolve(cursor, following));
    }

    [Theory]
    [InlineData("blocks?limit=80&max_id=5", "https://fedi.example/api/v1/blocks?limit=80&max_id=5")]
    [InlineData("https://fedi.example/api/v1/blocks?limit=80&max_id=5", "https://fedi.example/api/v1/blocks?limit=80&max_id=5")] // stored whole, before
    public void Resolve_ACursorOfThisRoute_IsItsNextUrl(string cursor, string expected)
    {
        Assert.Equal(new Uri(expected), MastodonCursor.Resolve(cursor, Route));
    }

    [Theory]
    [InlineData("mutes?limit=80&max_id=5")]
    [InlineData("blocks")]
    [InlineData("blocks?")]
    [InlineData("blocks?max_id=5#x")]
    [InlineData("?max_id=5")]
    [InlineData("https://evil.example/api/v1/blocks?max_id=5")]
    [InlineData("//evil.example/api/v1/blocks?max_id=5")]
    [InlineData("")]
    [InlineData(null)]
    public void Resolve_AnythingElse_IsRefused(string? cursor)
    {
        Assert.Null(MastodonCursor.Resolve(cursor, Route));
    }

    [Fact]
    public void From_ANextUrlElsewhereOrWithoutAQuery_IsNull()
    {
        Assert.Null(MastodonCursor.From(new Uri("https://evil.example/api/v1/blocks?max_id=5"), Route));
        Assert.Null(MastodonCursor.From(new Uri("https://fedi.example/api/v1/blocks"), Route));
    }
}
