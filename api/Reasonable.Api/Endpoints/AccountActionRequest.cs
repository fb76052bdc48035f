using System.ComponentModel.DataAnnotations;
namespace Reasonable.Api.Endpoints;

/// <summary>
/// An action to perform on the provider: <c>block</c>, <c>unblock</c>, <c>mute</c>, <c>unmute</c>, <c>follow</c> or
/// <c>unfollow</c>. <c>muteDurationSeconds</c> only with <c>mute</c>, where the provider has timed mutes (omitted: until
/// you unmute). <c>reason</c>, optional, is stored as a reason of that action in the same step.
/// </summary>
public sealed record AccountActionRequest([property: Required] string? Action, int? MuteDurationSeconds, ActionReasonRequest? Reason);

/// <summary>The same action on an account found by its handle on the provider (<c>name</c> or <c>name@instance</c>).</summary>
public sealed record AccountActionByHandleRequest([property: Required] string? Handle, [property: Required] string? Action, int? MuteDurationSeconds, ActionReasonRequest? Reason);

/// <summary>The reason to keep with an action: text (1–10,000 characters) and up to 20 tags.</summary>
public sealed record ActionReasonRequest([property: Required] string? Text, IReadOnlyList<string?>? Tags);

/// <summary>The account after the action, and the reason stored with it (null when none was given).</summary>
public sealed record AccountActionResponse(AccountResponse Account, ReasonResponse? Reason);
