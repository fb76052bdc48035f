using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;

namespace Reasonable.Api.Http;

/// <summary>
/// A 200 with a JSON body, for the large answers (pages of accounts): written in one pass by the compiled
/// (source-generated) serializer of <paramref name="typeInfo"/>'s own context into the response's buffer.
/// <c>TypedResults.Ok</c> streams through System.Text.Json's resumable serializer instead once one of a type's
/// answers has exceeded half of its buffer (8 KB), which every page does, and the HTTP options' copy of a compiled
/// type has no compiled writer at all; that path walks the type's metadata. The answer is built in memory either way
/// (a page is at most 200 accounts); only the walk differs. The context must write what the HTTP options would
/// (web defaults, as <c>ResponseJson</c>).
/// </summary>
public sealed class LargeOk<T>(T value, JsonTypeInfo<T> typeInfo) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    public T Value { get; } = value;

    object? IValueHttpResult.Value => Value;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var options = typeInfo.Options;
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = "application/json; charset=utf-8";
        var writerOptions = new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, MaxDepth = options.MaxDepth };
        await using (var writer = new Utf8JsonWriter(response.BodyWriter, writerOptions))
        {
            JsonSerializer.Serialize(writer, Value, typeInfo);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
    }
}

