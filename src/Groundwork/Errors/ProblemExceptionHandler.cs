using System.Text.Json;
using Groundwork.Core.Import;
using Groundwork.Formats.Import;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Groundwork.Errors;

/// <summary>
/// Turns the exceptions that bad input can raise into RFC 7807 problem responses that say what and where:
/// malformed JSON bodies (with the JSON path and line), oversized bodies (413), malformed imports (line).
/// Anything else is a 500 whose details stay in the log.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var problem = Describe(exception);
        if (problem is null)
        {
            LogUnhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
            return false;
        }

        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails? Describe(Exception exception)
    {
        switch (exception)
        {
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge:
                return new ProblemDetails { Status = StatusCodes.Status413PayloadTooLarge, Title = "The request body is too large", Detail = tooLarge.Message };
            case BadHttpRequestException badRequest:
                var json = FindJsonException(badRequest);
                if (json is not null)
                {
                    return JsonProblem(json);
                }

                return new ProblemDetails { Status = badRequest.StatusCode, Title = "The request is malformed", Detail = badRequest.Message };
            case JsonException jsonException:
                return JsonProblem(jsonException);
            case ImportFormatException import:
                var details = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "The import is malformed; nothing was stored", Detail = $"Line {import.Line}: {import.Message}." };
                details.Extensions["line"] = import.Line;
                if (import.Field is not null)
                {
                    details.Extensions["field"] = import.Field;
                }

                return details;
            default:
                return null;
        }
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    private static ProblemDetails JsonProblem(JsonException exception)
    {
        var where = exception.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
        var line = exception.LineNumber is { } l ? $" (line {l + 1}, position {exception.BytePositionInLine + 1})" : string.Empty;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid JSON for this endpoint",
            Detail = $"{TaskObjectParser.TrimJsonMessage(exception.Message)}{where}{line}.",
        };
        if (exception.Path is { Length: > 0 })
        {
            problem.Extensions["field"] = exception.Path;
        }

        if (exception.LineNumber is { } number)
        {
            problem.Extensions["line"] = number + 1;
        }

        return problem;
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
