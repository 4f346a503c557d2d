using System.Net;
using System.Net.Http.Json;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Api;

public sealed class MeApiTests
{
    public static TheoryData<string, string> AccountRoutes => new()
    {
        { "GET", "/api/v1/me" },
        { "PATCH", "/api/v1/me" },
        { "GET", "/api/v1/me/tokens" },
        { "POST", "/api/v1/me/tokens" },
        { "DELETE", "/api/v1/me/tokens/1" },
        { "GET", "/api/v1/users" },
        { "POST", "/api/v1/users" },
        { "GET", "/api/v1/users/1" },
        { "PATCH", "/api/v1/users/1" },
    };

    [Theory]
    [MemberData(nameof(AccountRoutes))]
    public async Task EveryAccountRoute_WithoutTokenOrSession_Returns401Problem(string method, string url)
    {
        await using var app = await TestApp.StartAsync("sqlite");
        using var anonymous = Browser.Open(app);

        var response = await anonymous.SendAsync(new HttpMethod(method), url, new { name = "x", password = "0123456789abc" });

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Single((await app.Client.GetJsonAsync("/api/v1/me/tokens")).AsArray());
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Me_ReturnsTheTokensUser(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (user, client) = await app.CreateUserAsync("ann@example.com");

        var me = await client.GetJsonAsync("/api/v1/me");
        var admin = await app.Client.GetJsonAsync("/api/v1/me");

        Assert.Equal(user.Id, me.Id());
        Assert.False(me["is_admin"]!.GetValue<bool>());
        Assert.Equal("admin@localhost", admin["email"]!.GetValue<string>());
        Assert.True(admin["is_admin"]!.GetValue<bool>());
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task CreateToken_ShowsTheSecretOnce_AndTheNewTokenWorks(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (user, client) = await app.CreateUserAsync("ann@example.com");

        var response = await client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "laptop" });

        await response.ExpectAsync(HttpStatusCode.Created);
        var created = await response.JsonAsync();
        var secret = created["token"]!.GetValue<string>();
        Assert.StartsWith("gw_", secret, StringComparison.Ordinal);
        Assert.Equal("laptop", created["name"]!.GetValue<string>());
        Assert.Equal(secret[..8], created["prefix"]!.GetValue<string>());
        using var withNewToken = app.CreateClient(secret);
        Assert.Equal(user.Id, (await withNewToken.GetJsonAsync("/api/v1/me")).Id());
        var list = await client.GetAsync("/api/v1/me/tokens");
        var listed = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(Groundwork.Core.Security.ApiTokens.Hash(secret), listed, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", listed, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task SeveralTokens_AreListedWithNamesAndUse_AndRevokingOneStopsItAtOnce(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (_, client) = await app.CreateUserAsync("ann@example.com");
        var ci = await (await client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "ci" })).JsonAsync();
        var notebook = await (await client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "notebook" })).JsonAsync();
        using var ciClient = app.CreateClient(ci["token"]!.GetValue<string>());
        using var notebookClient = app.CreateClient(notebook["token"]!.GetValue<string>());
        await (await ciClient.GetAsync("/api/v1/projects")).ExpectAsync(HttpStatusCode.OK); // now in the 10 s cache

        var revoke = await client.DeleteAsync($"/api/v1/me/tokens/{ci.Id()}");

        await revoke.ExpectAsync(HttpStatusCode.NoContent);
        await (await ciClient.GetAsync("/api/v1/projects")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await notebookClient.GetAsync("/api/v1/projects")).ExpectAsync(HttpStatusCode.OK);
        var tokens = (await client.GetJsonAsync("/api/v1/me/tokens")).AsArray();
        Assert.Equal(["test", "ci", "notebook"], tokens.Select(t => t!["name"]!.GetValue<string>()));
        var revoked = tokens.Single(t => t!["name"]!.GetValue<string>() == "ci")!;
        Assert.True(revoked["revoked_at"]!.GetValue<DateTimeOffset>() >= revoked["created_at"]!.GetValue<DateTimeOffset>());
        Assert.True(revoked["last_used_at"]!.GetValue<DateTimeOffset>() >= revoked["created_at"]!.GetValue<DateTimeOffset>());
        Assert.Null(tokens.Single(t => t!["name"]!.GetValue<string>() == "notebook")!["revoked_at"]);
        Assert.All(tokens, t => Assert.Equal(["id", "name", "prefix", "created_at", "last_used_at", "revoked_at"], t!.AsObject().Select(p => p.Key)));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task RevokingSomeoneElsesToken_Returns404AndLeavesItWorking(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (_, ann) = await app.CreateUserAsync("ann@example.com");
        var (_, bob) = await app.CreateUserAsync("bob@example.com");
        var bobs = await (await bob.PostAsJsonAsync("/api/v1/me/tokens", new { name = "bob's" })).JsonAsync();

        var revoke = await ann.DeleteAsync($"/api/v1/me/tokens/{bobs.Id()}");

        await revoke.ExpectProblemAsync(HttpStatusCode.NotFound);
        using var bobsClient = app.CreateClient(bobs["token"]!.GetValue<string>());
        await (await bobsClient.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task CreateToken_WithoutName_Returns400NamingTheField(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var response = await app.Client.PostAsJsonAsync("/api/v1/me/tokens", new { name = " " });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("name", problem["field"]!.GetValue<string>());
        Assert.Single((await app.Client.GetJsonAsync("/api/v1/me/tokens")).AsArray());
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task ChangeOwnPassword_NeedsTheCurrentOne(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.CreatePasswordUserAsync("ann@example.com");
        using var browser = await app.SignedInBrowserAsync("ann@example.com");

        var missing = await browser.SendAsync(HttpMethod.Patch, "/api/v1/me", new { password = "another good password" });
        var wrong = await browser.SendAsync(HttpMethod.Patch, "/api/v1/me", new { password = "another good password", current_password = "guessing wrongly" });
        var tooShort = await browser.SendAsync(HttpMethod.Patch, "/api/v1/me", new { password = "short", current_password = AccountHelpers.Password });
        var rename = await browser.SendAsync(HttpMethod.Patch, "/api/v1/me", new { name = "Ann Smith" });

        Assert.Equal("current_password", (await missing.ExpectProblemAsync(HttpStatusCode.BadRequest))["field"]!.GetValue<string>());
        Assert.Equal("current_password", (await wrong.ExpectProblemAsync(HttpStatusCode.BadRequest))["field"]!.GetValue<string>());
        Assert.Equal("password", (await tooShort.ExpectProblemAsync(HttpStatusCode.BadRequest))["field"]!.GetValue<string>());
        await rename.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Ann Smith", (await rename.JsonAsync())["name"]!.GetValue<string>());
        await (await Browser.Open(app).SignInAsync("ann@example.com", AccountHelpers.Password)).ExpectAsync(HttpStatusCode.OK);
    }
}
