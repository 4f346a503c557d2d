using Groundwork.Api.Contracts;
using Groundwork.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Api;

public static class HealthApi
{
    public static RouteHandlerBuilder MapHealthApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/healthz", CheckAsync)
            .WithTags("Operations")
            .AllowAnonymous()
            .WithName("Health")
            .WithSummary("200 when the store answers, 503 when it does not");

    public static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> CheckAsync(IStoreHealth health, CancellationToken cancellationToken) =>
        await health.PingAsync(cancellationToken)
            ? TypedResults.Ok(new HealthResponse("ok", "reachable"))
            : TypedResults.Json(new HealthResponse("unavailable", "unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable);
}
