using System.Net;
using Groundwork.Hosting;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Security;

public sealed class RateLimitTests
{
    private static Dictionary<string, string?> Limits(params (string Key, string Value)[] values) =>
        values.ToDictionary(v => $"{RateLimitOptions.Section}:{v.Key}", v => (string?)v.Value, StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task SignIn_PastThePerEmailLimit_Returns429WithRetryAfter_EvenWithTheRightPassword(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, Limits(("SignInPerEmail", "2"), ("SignInPerAddress", "100")));
        await app.CreatePasswordUserAsync("ann@example.com");
        using var browser = Browser.Open(app);

        var first = await browser.SignInAsync("ann@example.com", "wrong guess number 1");
        var second = await browser.SignInAsync("ANN@example.com", "wrong guess number 2");
        var third = await browser.SignInAsync("ann@example.com", AccountHelpers.Password);
        var otherEmail = await browser.SignInAsync("bob@example.com", "wrong guess number 3");

        await first.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await second.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        var problem = await third.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(Assert.Single(third.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(retryAfter, problem["retry_after"]!.GetValue<int>());
        Assert.Null(browser.Cookie("gw_session"));
        await otherEmail.ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task SignIn_PastThePerAddressLimit_Returns429WithRetryAfter(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, Limits(("SignInPerEmail", "100"), ("SignInPerAddress", "2")));
        using var browser = Browser.Open(app);

        var first = await browser.SignInAsync("a@example.com", "whatever password");
        var second = await browser.SignInAsync("b@example.com", "whatever password");
        var third = await browser.SignInAsync("c@example.com", "whatever password");

        await first.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await second.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await third.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(third.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Api_PastAUsersBucket_Returns429WithRetryAfter_AndOtherUsersGoOn(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, Limits(("ApiPerUserPerSecond", "1"), ("ApiPerUserBurst", "3")));
        var (_, ann) = await app.CreateUserAsync("ann@example.com");

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add(await ann.GetAsync("/api/v1/projects"));
        }

        var rejected = statuses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        await rejected.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(rejected.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, statuses[0].StatusCode);
        Assert.True(statuses.Count(r => r.StatusCode == HttpStatusCode.OK) <= 4);
        await (await app.Client.GetAsync("/api/v1/projects")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Disabled_LimitsNothing()
    {
        await using var app = await TestApp.StartAsync("sqlite", Limits(("Enabled", "false"), ("SignInPerEmail", "1"), ("SignInPerAddress", "1"), ("ApiPerUserPerSecond", "1"), ("ApiPerUserBurst", "1")));
        using var browser = Browser.Open(app);

        for (var i = 0; i < 4; i++)
        {
            await (await browser.SignInAsync("ann@example.com", "whatever password")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
            await (await app.Client.GetAsync("/api/v1/projects")).ExpectAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public void Defaults_LeaveRoomForTheLoadBenchmark()
    {
        var defaults = new RateLimitOptions();

        Assert.True(defaults.Enabled);
        Assert.True(defaults.ApiPerUserPerSecond >= 10_000, "one user's benchmark runs ~5,000 requests/s");
        Assert.Equal(10, defaults.SignInPerEmail);
        Assert.Equal(TimeSpan.FromMinutes(1), defaults.SignInWindow);
    }
}
