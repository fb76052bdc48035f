using System.ComponentModel.DataAnnotations;
namespace Reasonable.Api.Endpoints;

/// <summary>Deleting the account needs <c>confirm</c> to be exactly <c>delete my account</c>.</summary>
public sealed record DeleteAccountRequest([property: Required] string? Confirm);
