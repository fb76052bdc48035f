namespace Reasonable.Tests.Support;

/// <summary>An answer of the API that its OpenAPI document does not describe; the message names route, status and member.</summary>
public sealed class ApiContractException : Exception
{
    public ApiContractException()
    {
    }

    public ApiContractException(string message)
        : base(message)
    {
    }

    public ApiContractException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
