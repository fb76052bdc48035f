namespace Reasonable.Sandbox.X.Faults;

/// <summary>What an injected fault does to a request (the JSON names are the snake_case forms).</summary>
public enum FaultKind
{
    /// <summary>Answer with a 5xx problem (<c>status</c>, default 503) without running the endpoint.</summary>
    ServerError,

    /// <summary>Answer 429 with <c>x-rate-limit-remaining: 0</c> and a reset <c>reset_seconds</c> ahead.</summary>
    RateLimit,

    /// <summary>Wait <c>delay_ms</c>, then run the endpoint normally.</summary>
    Slow,

    /// <summary>Answer 200 <c>application/json</c> with a truncated, unparsable body.</summary>
    Malformed,

    /// <summary>Answer 200 <c>application/json</c> with an empty body.</summary>
    Empty,
}
