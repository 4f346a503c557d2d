using System.Net;
using System.Net.Http.Json;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Api;

public sealed class UsersApiTests
{
    public static TheoryData<string, string> UserRoutes => new()
    {
        { "GET", "/api/v1/users" },
        { "POST", "/api/v1/users" },
        { "GET", "/api/v1/users/1" },
        { "PATCH", "/api/v1/users/1" },
    };

    [Theory]
    [MemberData(nameof(UserRoutes))]
    public async Task EveryUserRoute_ForANonAdmin_Returns403Problem(string method, string url)
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var (_, annotator) = await app.CreateUserAsync("ann@example.com");
        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = JsonContent.Create(new { email = "mallory@example.com", password = "0123456789abc", is_admin = true }),
        };

        var response = await annotator.SendAsync(request);

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Null(await app.Services.GetRequiredServiceUsers().GetByEmailAsync("mallory@example.com", CancellationToken.None));
        Assert.False((await app.Services.GetRequiredServiceUsers().GetAsync(1, CancellationToken.None))!.IsDisabled);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Admin_CreatesListsReadsAndUpdatesUsers(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var created = await app.CreatePasswordUserAsync("ann@example.com");
        var list = await app.Client.GetJsonAsync("/api/v1/users");
        var read = await app.Client.GetJsonAsync($"/api/v1/users/{created.Id()}");
        var patch = await app.Client.PatchAsJsonAsync($"/api/v1/users/{created.Id()}", new { name = "Ann", is_admin = true });

        Assert.Equal(["admin@localhost", "ann@example.com"], list.AsArray().Select(u => u!["email"]!.GetValue<string>()));
        Assert.Equal("User ann@example.com", read["name"]!.GetValue<string>());
        Assert.False(read["disabled"]!.GetValue<bool>());
        Assert.Null(read["password"]);
        Assert.Null(read["password_hash"]);
        await patch.ExpectAsync(HttpStatusCode.OK);
        var updated = await patch.JsonAsync();
        Assert.Equal("Ann", updated["name"]!.GetValue<string>());
        Assert.True(updated["is_admin"]!.GetValue<bool>());
        using var browser = await app.SignedInBrowserAsync("ann@example.com");
        await (await browser.Client.GetAsync("/api/v1/users")).ExpectAsync(HttpStatusCode.OK);
        await (await app.Client.GetAsync("/api/v1/users/999")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task CreateUser_WithShortPasswordOrBadEmail_Returns400NamingTheField_AndDuplicateEmailReturns409(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.CreatePasswordUserAsync("ann@example.com");

        var shortPassword = await app.Client.PostAsJsonAsync("/api/v1/users", new { email = "bob@example.com", password = "123456789" });
        var badEmail = await app.Client.PostAsJsonAsync("/api/v1/users", new { email = "bob", password = "1234567890" });
        var duplicate = await app.Client.PostAsJsonAsync("/api/v1/users", new { email = "ANN@example.com", password = "1234567890" });
        var shortReset = await app.Client.PatchAsJsonAsync("/api/v1/users/2", new { password = "tiny" });

        var problem = await shortPassword.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("password", problem["field"]!.GetValue<string>());
        Assert.Contains("10", problem["errors"]!["password"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("email", (await badEmail.ExpectProblemAsync(HttpStatusCode.BadRequest))["field"]!.GetValue<string>());
        await duplicate.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("password", (await shortReset.ExpectProblemAsync(HttpStatusCode.BadRequest))["field"]!.GetValue<string>());
        Assert.Equal(2, (await app.Client.GetJsonAsync("/api/v1/users")).AsArray().Count);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task DisablingAUser_StopsTheirTokensAtOnce_AndEnablingRestoresThem(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (user, client) = await app.CreateUserAsync("ann@example.com");
        await (await client.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK); // cached

        (await app.Client.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { disabled = true })).EnsureSuccessStatusCode();
        var whileDisabled = await client.GetAsync("/api/v1/me");
        (await app.Client.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { disabled = false })).EnsureSuccessStatusCode();
        var afterEnabling = await client.GetAsync("/api/v1/me");

        await whileDisabled.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await afterEnabling.ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task AnAdmin_CannotDisableOrDemoteThemself(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var disable = await app.Client.PatchAsJsonAsync("/api/v1/users/1", new { disabled = true });
        var demote = await app.Client.PatchAsJsonAsync("/api/v1/users/1", new { is_admin = false });

        await disable.ExpectProblemAsync(HttpStatusCode.Conflict);
        await demote.ExpectProblemAsync(HttpStatusCode.Conflict);
        var me = await app.Client.GetJsonAsync("/api/v1/me");
        Assert.True(me["is_admin"]!.GetValue<bool>());
        Assert.False(me["disabled"]!.GetValue<bool>());
    }
}
