using System.Security.Cryptography;
using System.Text;
using Groundwork.Core.Events;

namespace Groundwork.Core.Tests.Events;

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly byte[] s_body = Encoding.UTF8.GetBytes("""{"event":"task.created","data":{"text":"é"}}""");

    [Fact]
    public void Create_IsHmacSha256OfTimestampDotBody_InLowerHex()
    {
        var header = WebhookSignature.Create("whsec_test", 1_800_000_000, s_body);

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("whsec_test"), (byte[])[.. "1800000000."u8, .. s_body]));
        Assert.Equal($"t=1800000000,v1={expected}", header);
    }

    [Fact]
    public void Verify_AcceptsTheSignature_RefusesTamperingAnotherSecretAndOldTimestamps()
    {
        var header = WebhookSignature.Create("whsec_test", s_now.ToUnixTimeSeconds(), s_body);
        var tolerance = TimeSpan.FromMinutes(5);

        Assert.True(WebhookSignature.Verify("whsec_test", header, s_body, s_now, tolerance));
        Assert.False(WebhookSignature.Verify("whsec_other", header, s_body, s_now, tolerance));
        Assert.False(WebhookSignature.Verify("whsec_test", header, [.. s_body, (byte)' '], s_now, tolerance));
        Assert.False(WebhookSignature.Verify("whsec_test", header, s_body, s_now.AddMinutes(6), tolerance));
        Assert.False(WebhookSignature.Verify("whsec_test", "v1=abc", s_body, s_now, tolerance));
        Assert.False(WebhookSignature.Verify("whsec_test", null, s_body, s_now, tolerance));
    }

    [Fact]
    public void NewSecret_IsRandomAndUrlSafe()
    {
        var a = WebhookSignature.NewSecret();
        var b = WebhookSignature.NewSecret();

        Assert.NotEqual(a, b);
        Assert.StartsWith("whsec_", a, StringComparison.Ordinal);
        Assert.DoesNotContain('+', a);
        Assert.DoesNotContain('/', a);
        Assert.True(a.Length >= 48);
    }
}
