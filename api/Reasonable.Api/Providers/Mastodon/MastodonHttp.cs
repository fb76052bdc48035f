using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Reasonable.Api.Providers.Mastodon;

/// <summary>
/// One call to an instance: a deadline for request and body together (<see cref="MastodonOptions.Timeout"/>), a
/// capped body, and every failure as a <see cref="ProviderException"/> whose message names the route template and
/// the status only. Instances are run by strangers, so their answers are data to check, never to trust.
/// </summary>
internal sealed class MastodonHttp(HttpClient http, MastodonOptions options, TimeProvider time)
{
    /// <summary>The largest body read; a page of 80 accounts is far smaller.</summary>
    public const int MaxBodyBytes = 1 << 20;

    // Mastodon's rate-limit windows are 5 to 15 minutes; used when a 429 comes without X-RateLimit-Reset.
    private static readonly TimeSpan RateLimitFallback = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public MastodonOptions Options => options;

    /// <summary>
    /// Sends the request and reads the whole answer. Answers other than 2xx and <paramref name="tolerated"/> throw;
    /// so do unreachable and refused addresses and answers past the deadline or the size cap.
    /// </summary>
    public async Task<MastodonAnswer> SendAsync(
        HttpMethod method, string route, Uri url, string? token, CancellationToken cancellationToken, HttpContent? content = null, params HttpStatusCode[] tolerated)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        MastodonAnswer answer;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var body = await ReadCappedAsync(response.Content, route, deadline.Token);
            var reset = ReadReset(response.Headers);
            answer = new MastodonAnswer(response.StatusCode, body, ReadRateLimit(response.Headers, reset), reset, Links(response.Headers));
        }
        catch (HttpRequestException exception) when (Refusal(exception) is { } refusal)
        {
            throw new ProviderException(ProviderFailure.Rejected, $"Mastodon {route} was not sent: {refusal.Message}", innerException: refusal);
        }
        catch (HttpRequestException exception)
        {
            throw new ProviderException(ProviderFailure.Unavailable, $"Mastodon {route} could not be reached", innerException: exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Our deadline, not the caller giving up: the instance was too slow.
            throw new ProviderException(ProviderFailure.Unavailable, $"Mastodon {route} timed out", innerException: exception);
        }

        return answer.IsSuccess || tolerated.Contains(answer.Status) ? answer : throw Failure(route, answer);
    }

    /// <summary>The exception for an answer the caller cannot use, by status.</summary>
    public ProviderException Failure(string route, MastodonAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var message = $"Mastodon {route} answered {((int)answer.Status).ToString(CultureInfo.InvariantCulture)}";
        return ProviderException.ForStatus(answer.Status, message, answer.ResetsAt ?? time.GetUtcNow() + RateLimitFallback);
    }

    public static T Parse<T>(MastodonAnswer answer, string route)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(answer);
        try
        {
            return JsonSerializer.Deserialize<T>(answer.Body, Json) ?? throw Malformed(route);
        }
        catch (JsonException)
        {
            // Not passed on as the inner exception: its message can quote part of the body.
            throw Malformed(route);
        }
    }

    /// <summary>The <c>error</c> of a Mastodon or OAuth error body (<c>{"error":"…"}</c>), or null.</summary>
    public static string? ErrorOf(MastodonAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        try
        {
            return JsonSerializer.Deserialize<ErrorBody>(answer.Body, Json)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static ProviderException Malformed(string route) =>
        new(ProviderFailure.Unavailable, $"Mastodon {route} answered a malformed body: is this a Mastodon server?");

    private static async Task<string> ReadCappedAsync(HttpContent content, string route, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxBodyBytes)
        {
            throw TooMuch(route);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw TooMuch(route);
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw Malformed(route);
        }
    }

    private static ProviderException TooMuch(string route) =>
        new(ProviderFailure.Unavailable, $"Mastodon {route} answered too much (over {MaxBodyBytes / 1024 / 1024} MiB)");

    /// <summary>The guard's refusal inside the handler's exception, when the address was not public.</summary>
    private static ProviderException? Refusal(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is ProviderException refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private static IReadOnlyList<string> Links(HttpResponseHeaders headers) =>
        headers.TryGetValues("Link", out var values) ? [.. values] : [];

    private static RateLimitStatus? ReadRateLimit(HttpResponseHeaders headers, DateTimeOffset? reset) =>
        HeaderNumber(headers, "X-RateLimit-Limit") is { } limit
        && HeaderNumber(headers, "X-RateLimit-Remaining") is { } remaining
        && reset is { } resetsAt
            ? new RateLimitStatus(limit, remaining, resetsAt)
            : null;

    /// <summary>
    /// When the window resets, on our clock. Mastodon's reset is an ISO 8601 time (with microseconds, not epoch
    /// seconds as on X) on the instance's own clock, which may be minutes off ours: what counts is how far it lies
    /// past the answer's <c>Date</c>, which that clock also wrote. Without a Date the reset is taken as it is.
    /// </summary>
    private DateTimeOffset? ReadReset(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("X-RateLimit-Reset", out var values)
            || !DateTimeOffset.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var reset))
        {
            return null;
        }

        // Date is whole seconds, cut down: the wait it gives errs long by under a second, never short.
        return headers.Date is { } theirNow ? time.GetUtcNow() + (reset - theirNow) : reset;
    }

    private static int? HeaderNumber(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private sealed record ErrorBody(string? Error);
}
