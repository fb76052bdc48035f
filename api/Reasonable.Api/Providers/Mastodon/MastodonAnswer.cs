using System.Net;

namespace Reasonable.Api.Providers.Mastodon;

/// <summary>An instance's answer, read whole: status, body, rate-limit window and Link header values.</summary>
internal sealed record MastodonAnswer(HttpStatusCode Status, string Body, RateLimitStatus? RateLimit, DateTimeOffset? ResetsAt, IReadOnlyList<string> Links)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}
