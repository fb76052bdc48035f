namespace Reasonable.Sandbox.Mastodon.Faults;

/// <summary>What an injected fault does to a request (the JSON names are the snake_case forms).</summary>
public enum FaultKind
{
    /// <summary>Answer <c>status</c> (500–599, default 503) with <c>{"error":…}</c> without running the endpoint.</summary>
    ServerError,

    /// <summary>Answer 429 <c>{"error":"Too many requests"}</c>, Remaining 0 and a reset <c>reset_seconds</c> ahead.</summary>
    RateLimit,

    /// <summary>Answer 200 <c>application/json</c> with a truncated, unparsable body.</summary>
    Malformed,

    /// <summary>Say nothing for <c>delay_ms</c> (default 120 s, past any sane client timeout), then run the endpoint.</summary>
    Hang,
}
