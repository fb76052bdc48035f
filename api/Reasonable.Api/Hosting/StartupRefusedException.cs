namespace Reasonable.Api.Hosting;

/// <summary>The API must not start; the message is the one line printed before exiting non-zero.</summary>
public sealed class StartupRefusedException(string message) : Exception(message);
