using Groundwork.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Groundwork.Security;

/// <summary>
/// Anti-forgery for browser sessions: a POST, PUT, PATCH or DELETE authenticated by the session cookie must carry the
/// <c>X-CSRF-Token</c> header with a token from sign-in or <c>GET /api/v1/auth/session</c> (checked by ASP.NET Core's
/// <see cref="IAntiforgery"/> against the <c>gw_csrf</c> cookie and the signed-in user), else 403. Requests with an
/// API token are exempt (a browser never adds an Authorization header on its own), as are endpoints that opt out with
/// <c>DisableAntiforgery()</c> (sign-in).
/// </summary>
public sealed partial class CsrfProtectionMiddleware(RequestDelegate next, IAntiforgery antiforgery, ILogger<CsrfProtectionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!NeedsCheck(context))
        {
            await next(context);
            return;
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            LogRejected(logger, context.Request.Method, context.Request.Path);
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Missing or invalid anti-forgery token",
                Detail = $"A request signed in by the session cookie must send the '{SessionCookieOptions.AntiforgeryHeaderName}' header with the csrf_token from sign-in or GET /api/v1/auth/session.",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.4",
            };
            problem.Extensions["field"] = SessionCookieOptions.AntiforgeryHeaderName;
            await TypedResults.Problem(problem).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static bool NeedsCheck(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
        {
            return false;
        }

        if (!context.User.IsSession())
        {
            return false;
        }

        return context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is not { RequiresValidation: false };
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Refused {Method} {Path}: session request without a valid anti-forgery token")]
    private static partial void LogRejected(ILogger logger, string method, string path);
}
