using Microsoft.AspNetCore.Mvc;

namespace Reasonable.Api.RateLimits;

/// <summary>The one way a route takes a rate limit: <c>.RequireRateLimit(LimitedAction.Write)</c>.</summary>
public static class RateLimitEndpointExtensions
{
    /// <summary>
    /// Counts each request to the route (after authorization, so per-user limits know the user) and declares the 429
    /// problem in the OpenAPI document.
    /// </summary>
    public static TBuilder RequireRateLimit<TBuilder>(this TBuilder builder, LimitedAction action)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var limiter = context.HttpContext.RequestServices.GetRequiredService<SharedRateLimiter>();
            return await limiter.CheckAsync(action, context.HttpContext) ?? await next(context);
        });
        builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(ProblemDetails), ["application/problem+json"]));
        return builder;
    }
}
