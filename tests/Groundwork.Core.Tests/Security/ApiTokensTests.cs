using Groundwork.Core.Security;

namespace Groundwork.Core.Tests.Security;

public sealed class ApiTokensTests
{
    [Fact]
    public void Generate_GivesDistinctLongUrlSafeTokens()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => ApiTokens.Generate()).ToList();

        Assert.Equal(1000, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tokens, t =>
        {
            Assert.StartsWith(ApiTokens.Prefix, t, StringComparison.Ordinal);
            Assert.True(t.Length >= 40);
            Assert.DoesNotContain('+', t);
            Assert.DoesNotContain('/', t);
            Assert.DoesNotContain('=', t);
        });
    }

    [Fact]
    public void Hash_IsStableHexAndNeverTheToken()
    {
        var token = ApiTokens.Generate();

        var hash = ApiTokens.Hash(token);

        Assert.Equal(hash, ApiTokens.Hash(token));
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(token, hash, StringComparison.Ordinal);
        Assert.NotEqual(hash, ApiTokens.Hash(token + "x"));
        Assert.Equal("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", ApiTokens.Hash("test"));
    }
}
