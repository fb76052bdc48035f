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
    /// What the caller expects of the current version: If-Match (a list of ETags, or <c>*</c>) and the body's version,
    /// which must agree when both name one. Null with no problem when neither was sent; a 400 problem when If-Match
    /// is not a valid entity-tag list or the two disagree.
    /// </summary>
    public static (VersionPrecondition? Precondition, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem) Expected(HttpRequest request, int? bodyVersion)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ifMatch = request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length == 0)
        {
            return (bodyVersion is { } version ? new VersionPrecondition(false, [version], version) : null, null);
        }

        if (ifMatch == "*")
        {
            return (new VersionPrecondition(true, [], bodyVersion), null);
        }

        if (!EntityTagHeaderValue.TryParseStrictList([ifMatch], out var tags) || tags.Count == 0 || tags.Any(tag => tag.Tag == "*"))
        {
            return (null, Problems.Invalid("If-Match", "If-Match must be * or ETags this API sent, each in quotes, such as \"3\"."));
        }

        // Weak tags and tags we never sent are valid but match no version (strong comparison).
        var versions = tags
            .Where(tag => !tag.IsWeak)
            .Select(tag => int.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : (int?)null)
            .OfType<int>()
            .ToList();
        if (bodyVersion is { } body && versions.Count > 0 && !versions.Contains(body))
        {
            return (null, Problems.Invalid("version", "The body's version and the If-Match header disagree; send one, or the same in both."));
        }

        return (new VersionPrecondition(false, versions, bodyVersion), null);
    }
}
