using Groundwork.Hosting;
using Microsoft.Extensions.Options;

namespace Groundwork.Errors;

/// <summary>
/// Fills in the detail of problems the framework raises without one (a status code page for an
/// unsupported content type, a body cut off at its limit, an unknown route), so every problem says what is wrong.
/// </summary>
public static class ProblemDefaults
{
    public static void Customize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (!string.IsNullOrEmpty(problem.Detail))
        {
            return;
        }

        var http = context.HttpContext;
        if (problem.Status == StatusCodes.Status413PayloadTooLarge)
        {
            problem.Title = "The request body is too large";
        }

        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => "Nothing is found at this address: check the route and its ids.",
            StatusCodes.Status405MethodNotAllowed => $"This route does not take {http.Request.Method} requests.",
            StatusCodes.Status413PayloadTooLarge => $"The request body is larger than the {BodyLimit(http)} bytes this endpoint accepts.",
            StatusCodes.Status415UnsupportedMediaType => string.IsNullOrEmpty(http.Request.ContentType)
                ? "The request has no Content-Type: send the body as application/json."
                : "The body must be sent as application/json.",
            StatusCodes.Status401Unauthorized => "Send an API token: 'Authorization: Token <token>' or 'Bearer <token>'.",
            StatusCodes.Status403Forbidden => "Your token does not allow this request.",
            _ => null,
        };
    }

    private static long BodyLimit(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<BodySizeLimit>()?.MaxBytes
        ?? http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxBodyBytes;
}
