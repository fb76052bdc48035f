namespace Reasonable.Api.Keys;

/// <summary>How a request to rotate the data key ended.</summary>
public enum DataKeyRotationResult
{
    /// <summary>The new data key exists, new writes use it, and re-encryption runs.</summary>
    Started,

    /// <summary>An earlier data-key rotation is still re-encrypting; nothing was changed.</summary>
    AlreadyRunning,

    /// <summary>The key list is missing, edited or does not open the data keys; its status was recorded.</summary>
    KeyListNeedsAttention,

    /// <summary>A user-key rotation is unfinished (its pending wraps would not cover a new data key); nothing was changed.</summary>
    UserKeyRotationUnfinished,

    /// <summary>The request's keys are not the user's newest (another rotation started meanwhile); nothing was changed.</summary>
    KeysChanged,
}
