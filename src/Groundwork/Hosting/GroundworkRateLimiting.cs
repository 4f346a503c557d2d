using System.Globalization;
using System.Threading.RateLimiting;
using Groundwork.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Groundwork.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter, configured from <see cref="RateLimitOptions"/>: every authenticated request counts against
/// its user's token bucket; the sign-in endpoint (policy <see cref="SignInPolicy"/>) against its client address. Rejections
/// are 429 problem responses with <c>Retry-After</c>.
/// </summary>
public static class GroundworkRateLimiting
{
    public const string SignInPolicy = "sign-in";

    public static IServiceCollection AddGroundworkRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.SignInWindow > TimeSpan.Zero, "Groundwork:RateLimits:SignInWindow must be positive")
            .ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(_ => { });
        services.AddSingleton<IConfigureOptions<RateLimiterOptions>>(sp => new ConfigureOptions<RateLimiterOptions>(o =>
        {
            var limits = sp.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => RejectAsync(context.HttpContext, context.Lease);
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => PerUser(context, limits));
            o.AddPolicy(SignInPolicy, context => PerAddress(context, limits));
        }));
        return services;
    }

    /// <summary>Answers 429 with <c>Retry-After</c> (whole seconds, at least 1) taken from the lease when it knows.</summary>
    public static async ValueTask RejectAsync(HttpContext context, RateLimitLease lease) =>
        await TooManyRequests(context, lease).ExecuteAsync(context);

    /// <summary>The 429 problem for a refused lease; sets <c>Retry-After</c> on the response.</summary>
    public static ProblemHttpResult TooManyRequests(HttpContext context, RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(lease);
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests",
            Detail = $"Slow down: try again in {seconds} s.",
            Type = "https://tools.ietf.org/html/rfc6585#section-4",
        };
        problem.Extensions["retry_after"] = seconds;
        return TypedResults.Problem(problem);
    }

    private static RateLimitPartition<string> PerUser(HttpContext context, RateLimitOptions limits)
    {
        if (!limits.Enabled || limits.ApiPerUserPerSecond <= 0 || context.User.Identity?.IsAuthenticated != true)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        return RateLimitPartition.GetTokenBucketLimiter(context.User.UserId().ToString(CultureInfo.InvariantCulture), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.ApiPerUserBurst,
            TokensPerPeriod = limits.ApiPerUserPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, RateLimitOptions limits)
    {
        if (!limits.Enabled || limits.SignInPerAddress <= 0)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.SignInPerAddress,
            Window = limits.SignInWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
