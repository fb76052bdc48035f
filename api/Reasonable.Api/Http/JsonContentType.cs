using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Reasonable.Api.Http;

/// <summary>
/// A route that takes a JSON body checks the body's Content-Type before anything else, token or not: JSON, in UTF-8
/// (RFC 8259 §8.1), or 415 with a problem that says so. Left to the framework, an unknown charset
/// (<c>charset=foo</c>, even <c>charset="utf-8"</c> in quotes) throws while reading and answers 500.
/// </summary>
public static class JsonContentType
{
    /// <summary>Call after routing (the route says whether it takes JSON) and before authentication.</summary>
    public static IApplicationBuilder UseJsonContentType(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var header = context.Request.ContentType;
            if (header is null || context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is not { } accepts
                || !accepts.ContentTypes.Any(type => type.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
            {
                return next(context); // no body type sent, or a route that takes no JSON: the route decides
            }

            if (!MediaTypeHeaderValue.TryParse(header, out var contentType)
                || !(contentType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || contentType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
            {
                return StatusProblems.For(StatusCodes.Status415UnsupportedMediaType, context).ExecuteAsync(context);
            }

            var charset = contentType.Charset;
            if (charset.Length == 0 || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            {
                return next(context);
            }

            if (HeaderUtilities.RemoveQuotes(charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            {
                // charset="utf-8" means charset=utf-8 (RFC 9110 §5.6.6), but the framework would look the quotes up too.
                contentType.Charset = "utf-8";
                context.Request.ContentType = contentType.ToString();
                return next(context);
            }

            return StatusProblems.For(
                StatusCodes.Status415UnsupportedMediaType,
                context,
                "JSON bodies must be UTF-8: send Content-Type: application/json or application/json; charset=utf-8, with no other charset.").ExecuteAsync(context);
        });
}
