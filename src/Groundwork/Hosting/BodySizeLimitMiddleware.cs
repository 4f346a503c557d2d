using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Groundwork.Hosting;

/// <summary>
/// Enforces the body limit of the matched endpoint (<see cref="BodySizeLimit"/>, else <see cref="ApiOptions.MaxBodyBytes"/>):
/// a declared Content-Length over the limit is refused at once with 413; an undeclared (chunked) body is
/// counted as it streams and cut off with 413 when it passes the limit. Works the same on Kestrel and in tests.
/// </summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<BodySizeLimit>()?.MaxBytes ?? options.Value.MaxBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = null; // this middleware is the one limit
        }

        if (context.Request.ContentLength is { } length && length > limit)
        {
            throw new BadHttpRequestException($"The request body is {length} bytes; this endpoint accepts at most {limit}.", StatusCodes.Status413PayloadTooLarge);
        }

        if (context.Request.ContentLength is null && HttpMethods.IsGet(context.Request.Method) is false)
        {
            context.Request.Body = new LimitedReadStream(context.Request.Body, limit);
        }

        return next(context);
    }
}
