using Groundwork.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Api;

/// <summary>RFC 7807 problem responses for the expected failures.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(title: "Conflict", detail: detail, statusCode: StatusCodes.Status409Conflict);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(title: "Forbidden", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult BadRequest(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest, extensions: extensions);

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(title: "Unsupported media type", detail: detail, statusCode: StatusCodes.Status415UnsupportedMediaType);

    /// <summary>The problem for a failed store outcome.</summary>
    public static ProblemHttpResult From<T>(StoreOutcome<T> outcome) => outcome.Failure switch
    {
        StoreFailure.NotFound => NotFound(Sentence(outcome.Reason)),
        StoreFailure.Conflict => Conflict(Sentence(outcome.Reason)),
        StoreFailure.Forbidden => Forbidden(Sentence(outcome.Reason)),
        _ => throw new InvalidOperationException("The outcome succeeded: there is no problem to report."),
    };

    private static string Sentence(string? reason) =>
        string.IsNullOrEmpty(reason) ? string.Empty : char.ToUpperInvariant(reason[0]) + reason[1..] + (reason.EndsWith('.') ? string.Empty : ".");
}
