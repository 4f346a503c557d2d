using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
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
            case BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType }:
                // ProblemDefaults says which media type to send.
                return new ProblemDetails { Status = StatusCodes.Status415UnsupportedMediaType, Title = "Unsupported media type" };
            case BadHttpRequestException badRequest:
                var json = FindJsonException(badRequest);
                if (json is not null)
                {
                    return JsonProblem(json);
                }

                return BindingProblem(badRequest);
            case JsonException jsonException:
                return JsonProblem(jsonException);
            case ImportFormatException import:
                var details = new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The import is malformed; nothing was stored",
                    Detail = import.Line > 0 ? $"Line {import.Line}: {import.Message}." : $"{char.ToUpperInvariant(import.Message[0])}{import.Message[1..]}.",
                };
                if (import.Line > 0)
                {
                    details.Extensions["line"] = import.Line;
                }

                if (import.Field is not null)
                {
                    details.Extensions["field"] = import.Field;
                }

                return details;
            case MediaImportException media:
                var mediaProblem = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "The media import cannot be taken; no task was stored", Detail = media.Message };
                if (media.Entry is not null)
                {
                    mediaProblem.Extensions["entry"] = media.Entry;
                }

                return mediaProblem;
            default:
                return null;
        }
    }

    /// <summary>
    /// A request the framework could not bind: the body is missing, or a route or query value does not parse.
    /// The framework's message names C# types and parameters; this one names the query parameter as the client sends it.
    /// </summary>
    private static ProblemDetails BindingProblem(BadHttpRequestException exception)
    {
        var problem = new ProblemDetails { Status = exception.StatusCode, Title = "The request is malformed" };
        var binding = BindFailure().Match(exception.Message);
        if (binding.Success)
        {
            var name = SnakeCase(binding.Groups["name"].Value);
            problem.Detail = $"{name}: \"{binding.Groups["value"].Value}\" is not a valid {Describe(binding.Groups["type"].Value)}.";
            problem.Extensions["field"] = name;
        }
        else if (exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            problem.Detail = "The request needs a JSON body.";
        }
        else
        {
            problem.Detail = "The request could not be read.";
        }

        return problem;
    }

    private static string Describe(string type) => type.TrimEnd('?') switch
    {
        "int" or "long" or "Int32" or "Int64" => "integer",
        "bool" or "Boolean" => "boolean (true or false)",
        "double" or "Double" => "number",
        _ => "value",
    };

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    [GeneratedRegex("""^Failed to bind parameter "(?<type>\S+) (?<name>\w+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

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
            Detail = $"{JsonMessage(exception)}{where}{line}.",
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

    /// <summary>What is wrong, without System.Text.Json's internal type names and advice meant for programmers.</summary>
    private static string JsonMessage(JsonException exception)
    {
        var message = TaskObjectParser.TrimJsonMessage(exception.Message);
        if (message.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal))
        {
            return exception.Path is null or "$" ? "The body must be a JSON object" : "The value has the wrong type or is out of range";
        }

        return message;
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
