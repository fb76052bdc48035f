using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Reasonable.Api.Http;
using Reasonable.Api.Providers;

namespace Reasonable.Api.Importing;

/// <summary>
/// Reads an import's <c>multipart/form-data</c> body itself, into memory only: the framework's form reader would
/// buffer a large file to a temporary file on disk, in plain text. The field <c>file</c> holds the file (at most
/// <see cref="MaxFileBytes"/>), the optional field <c>kind</c> names its kind. Nothing of the body is kept or logged.
/// </summary>
public static class ImportUpload
{
    public const int MaxFileBytes = 32 * 1024 * 1024;
    public const string TooLargeType = "import-file-too-large";

    // Room for the multipart boundaries, headers and the kind field around the file.
    private const int Envelope = 64 * 1024;
    private const int MaxKindLength = 64;
    private const long DrainedBytes = 2L * (MaxFileBytes + Envelope);

    public static async Task<(UploadedFile? File, string? Kind, ProblemHttpResult? Problem)> ReadAsync(HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = http.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary) is not { Length: > 0 and <= 200 } boundary)
        {
            return (null, null, Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Send the file as a form",
                "Send the file as multipart/form-data, in a field named file (and optionally its kind in a field named kind)."));
        }

        // A body somewhat over the limit is read to its end and thrown away, so the client (a browser cannot wait for
        // 100-continue) gets the 413 instead of a connection cut mid-upload; far over it, the connection is cut.
        if (request.ContentLength > DrainedBytes)
        {
            return (null, null, TooLarge());
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = DrainedBytes;
        }

        byte[]? content = null;
        string? kind = null;
        try
        {
            var reader = new MultipartReader(boundary.ToString(), request.Body) { BodyLengthLimit = DrainedBytes };
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).ToString();
                if (name == "file" && content is null)
                {
                    content = await ReadBoundedAsync(section.Body, MaxFileBytes, cancellationToken);
                    if (content is null)
                    {
                        return (null, null, TooLarge());
                    }
                }
                else if (name == "kind")
                {
                    var value = await ReadBoundedAsync(section.Body, MaxKindLength, cancellationToken);
                    kind = value is null ? new string('?', MaxKindLength + 1) : System.Text.Encoding.UTF8.GetString(value).Trim();
                }
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, null, TooLarge());
        }
        catch (InvalidDataException)
        {
            return (null, null, Problem(StatusCodes.Status400BadRequest, "invalid-request", "The upload could not be read",
                "The multipart/form-data body is malformed or cut short: send the file again."));
        }

        if (content is null)
        {
            return (null, null, Problems.Invalid("file", "Put the file in a form field named file."));
        }

        return content.Length == 0
            ? (null, null, Problem(StatusCodes.Status422UnprocessableEntity, "import-file-unreadable", "The file is empty", "The file is empty: choose the file again."))
            : (new UploadedFile(content), string.IsNullOrEmpty(kind) ? null : kind, null);
    }

    public static ProblemHttpResult TooLarge(string? detail = null) => Problem(
        StatusCodes.Status413PayloadTooLarge,
        TooLargeType,
        "The file is too large to import",
        detail ?? $"Reasonable imports files of up to {MaxFileBytes / (1024 * 1024)} MiB. From a data archive, upload only the files that list your accounts (or a zip of only those), not the whole archive.");

    public static ProblemHttpResult Problem(int status, string type, string title, string detail) =>
        TypedResults.Problem(statusCode: status, type: $"/problems/{type}", title: title, detail: detail);

    /// <summary>The section's bytes, or null (the rest read and dropped) when there are more than <paramref name="max"/>.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                await body.CopyToAsync(Stream.Null, cancellationToken);
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
