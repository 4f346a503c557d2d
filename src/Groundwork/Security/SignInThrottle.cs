using System.Threading.RateLimiting;
using Groundwork.Hosting;
using Microsoft.Extensions.Options;

namespace Groundwork.Security;

/// <summary>
/// Sign-in attempts per email, counted before the password is checked, so guessing one account's password is slow from
/// however many addresses. The email is only known once the body is read, so this runs in the handler rather than the
/// rate-limiting middleware (which limits per client address).
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public SignInThrottle(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        if (limits.Enabled && limits.SignInPerEmail > 0)
        {
            _limiter = PartitionedRateLimiter.Create<string, string>(email => RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.SignInPerEmail,
                Window = limits.SignInWindow,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        }
    }

    /// <summary>A lease: acquired when the attempt may go ahead; otherwise it says when to retry.</summary>
    public RateLimitLease Attempt(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (_limiter is null)
        {
            return NoLimit.Lease;
        }

        var key = email.Trim().ToUpperInvariant();
        return _limiter.AttemptAcquire(key.Length > 320 ? key[..320] : key);
    }

    public void Dispose() => _limiter?.Dispose();

    private sealed class NoLimit : RateLimitLease
    {
        public static readonly NoLimit Lease = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
