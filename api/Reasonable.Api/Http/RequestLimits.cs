using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Reasonable.Api.Http;

/// <summary>
/// How large a request may be. Kestrel refuses what is over its own limits with a bare status and closes the
/// connection, before any middleware runs; so Kestrel's limits for the address and the headers sit well above ours,
/// and <see cref="UseRequestLimits"/> answers what falls between with a problem (414, 431) that says what to do. The
/// body limit is Kestrel's: reading a larger body fails inside the app, which answers 413.
/// </summary>
public static class RequestLimits
{
    /// <summary>The longest path and query: room for any cursor and search, far from what a browser sends.</summary>
    public const int MaxTargetBytes = 8 * 1024;

    /// <summary>All header names and values together (a long bearer token is 2 KiB).</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>The largest body: a reason of 10,000 characters, each escaped as \uXXXX, is 60 KB.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Where Kestrel itself gives up, with a bare status: what lies between is ours to answer.</summary>
    private const int KestrelLineAndHeaderBytes = 64 * 1024;

    public static void Configure(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
        kestrel.Limits.MaxRequestLineSize = KestrelLineAndHeaderBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = KestrelLineAndHeaderBytes;
        kestrel.Limits.Http2.MaxRequestHeaderFieldSize = KestrelLineAndHeaderBytes;
    }

    /// <summary>Answers 414 and 431 as problems; call before anything that reads the path, the query or a header.</summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? string.Empty;
            if (target.Length > MaxTargetBytes)
            {
                return StatusProblems.For(StatusCodes.Status414UriTooLong, context).ExecuteAsync(context);
            }

            if (HeaderBytes(context.Request.Headers) > MaxHeaderBytes)
            {
                return StatusProblems.For(StatusCodes.Status431RequestHeaderFieldsTooLarge, context).ExecuteAsync(context);
            }

            return next(context);
        });

    /// <summary>Counted as Kestrel counts them: each name and each value, in bytes.</summary>
    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (var (name, values) in headers)
        {
            total += name.Length;
            foreach (var value in values)
            {
                total += System.Text.Encoding.UTF8.GetByteCount(value ?? string.Empty);
            }
        }

        return total;
    }
}
