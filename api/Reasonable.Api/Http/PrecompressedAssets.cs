using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Reasonable.Api.Http;

/// <summary>
/// Serves the web app's hashed assets compressed: the web build writes a Brotli (<c>.br</c>) and a gzip (<c>.gz</c>)
/// copy beside each one, and a request that accepts either is answered from that copy (Brotli first) with
/// <c>Content-Encoding</c>, the original's content type, and <c>Vary: Accept-Encoding</c>. Nothing is compressed
/// per request, so answers carrying secrets are never compressed (no BREACH-style length oracle).
/// </summary>
public static class PrecompressedAssets
{
    private static readonly (string Encoding, string Extension)[] Encodings = [("br", ".br"), ("gzip", ".gz")];
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>Call just before <c>UseStaticFiles</c>.</summary>
    public static WebApplication UsePrecompressedAssets(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var files = app.Environment.WebRootFileProvider;
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                || !path.StartsWithSegments(SecurityHeaders.HashedAssetsPath.TrimEnd('/'), StringComparison.Ordinal)
                || !ContentTypes.TryGetContentType(path.Value!, out var contentType))
            {
                return next(context);
            }

            context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
            var accepted = context.Request.GetTypedHeaders().AcceptEncoding;
            foreach (var (encoding, extension) in Encodings)
            {
                if (Accepts(accepted, encoding) && files.GetFileInfo(path.Value + extension).Exists)
                {
                    context.Request.Path = path + extension;
                    context.Response.Headers.ContentEncoding = encoding;
                    context.Items[ContentTypeKey] = contentType;
                    break;
                }
            }

            return next(context);
        });
        return app;
    }

    /// <summary>Static file options that give a compressed copy the content type of the file it holds.</summary>
    public static StaticFileOptions StaticFileOptions() => new()
    {
        OnPrepareResponse = context =>
        {
            if (context.Context.Items[ContentTypeKey] is string contentType)
            {
                context.Context.Response.ContentType = contentType;
            }
        },
        ContentTypeProvider = new CompressedCopyTypes(),
    };

    private const string ContentTypeKey = "Reasonable.PrecompressedContentType";

    private static bool Accepts(IList<StringWithQualityHeaderValue> accepted, string encoding) =>
        accepted.Any(value => (value.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) || value.Value == "*") && value.Quality is not 0);

    /// <summary>Knows <c>.br</c> and <c>.gz</c> copies (as the web build writes them) besides the usual types.</summary>
    private sealed class CompressedCopyTypes : IContentTypeProvider
    {
        public bool TryGetContentType(string subpath, out string contentType)
        {
            foreach (var (_, extension) in Encodings)
            {
                if (subpath.EndsWith(extension, StringComparison.Ordinal))
                {
                    return ContentTypes.TryGetContentType(subpath[..^extension.Length], out contentType!);
                }
            }

            return ContentTypes.TryGetContentType(subpath, out contentType!);
        }
    }
}
