using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Reasonable.Api.Http;

/// <summary>
/// Optimistic concurrency over HTTP: a row's version is its strong ETag (<c>"3"</c>), and a write names the version
/// it is based on in If-Match or in the body's version field.
/// </summary>
public static class EntityVersion
{
    public static string ETag(int version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    /// <summary>
    /// The version the caller expects: from If-Match or the body, which must agree when both are sent. Null with no
    /// problem when neither was sent; a problem when If-Match is not one of our ETags or the two disagree.
    /// </summary>
    public static (int? Version, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem) Expected(HttpRequest request, int? bodyVersion)
    {
        ArgumentNullException.ThrowIfNull(request);
        int? headerVersion = null;
        var ifMatch = request.Headers.IfMatch.ToString();
        if (!string.IsNullOrWhiteSpace(ifMatch))
        {
            if (!EntityTagHeaderValue.TryParse(ifMatch.Trim(), out var tag) || tag.IsWeak
                || !int.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return (null, Problems.Invalid("If-Match", "If-Match must be one ETag this API sent, such as \"3\"."));
            }

            headerVersion = parsed;
        }

        if (headerVersion is not null && bodyVersion is not null && headerVersion != bodyVersion)
        {
            return (null, Problems.Invalid("version", "The body's version and the If-Match header disagree; send one, or the same in both."));
        }

        return (headerVersion ?? bodyVersion, null);
    }
}
