using System.Net;
using System.Net.Http.Json;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Api;

public sealed class AuthApiTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task SignIn_WithRightPassword_SetsSecureHttpOnlyCookieAndReturnsUserAndCsrfToken(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var created = await app.CreatePasswordUserAsync("ann@example.com");
        using var browser = Browser.Open(app);

        var response = await browser.SignInAsync("ANN@example.com", AccountHelpers.Password);

        await response.ExpectAsync(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        Assert.Equal(created.Id(), body["user"]!["id"]!.GetValue<long>());
        Assert.Equal("ann@example.com", body["user"]!["email"]!.GetValue<string>());
        Assert.Equal("User ann@example.com", body["user"]!["name"]!.GetValue<string>());
        Assert.False(body["user"]!["is_admin"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(body["csrf_token"]!.GetValue<string>()));
        var session = Assert.Single(browser.LastSetCookies, c => c.StartsWith("gw_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AccountHelpers.Password, session, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_OverPlainHttp_AsOnLocalhost_SetsTheSecureSessionCookie()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        await app.CreatePasswordUserAsync("ann@example.com");
        using var http = app.CreateClient(token: null);

        var response = await http.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "ann@example.com", password = AccountHelpers.Password });

        await response.ExpectAsync(HttpStatusCode.OK);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("gw_session=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(cookies, c => c.StartsWith("gw_csrf=", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task SignIn_WithWrongPasswordUnknownEmailOrDisabledUser_Returns401WithTheSameMessage(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.CreatePasswordUserAsync("ann@example.com");
        var disabled = await app.CreatePasswordUserAsync("gone@example.com");
        (await app.Client.PatchAsJsonAsync($"/api/v1/users/{disabled.Id()}", new { disabled = true })).EnsureSuccessStatusCode();
        using var browser = Browser.Open(app);

        var wrongPassword = await browser.SignInAsync("ann@example.com", "not the password at all");
        var unknownEmail = await browser.SignInAsync("nobody@example.com", AccountHelpers.Password);
        var disabledUser = await browser.SignInAsync("gone@example.com", AccountHelpers.Password);
        var tokenOnlyAdmin = await browser.SignInAsync("admin@localhost", AccountHelpers.Password);

        var details = new List<string>();
        foreach (var response in new[] { wrongPassword, unknownEmail, disabledUser, tokenOnlyAdmin })
        {
            var problem = await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
            details.Add(problem["detail"]!.GetValue<string>());
            Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("gw_session=", StringComparison.Ordinal)));
        }

        Assert.Single(details.Distinct());
        Assert.Null(browser.Cookie("gw_session"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task SessionCookie_AuthenticatesGets_AndSessionEndpointReturnsAFreshCsrfToken(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.CreatePasswordUserAsync("ann@example.com");
        using var browser = await app.SignedInBrowserAsync("ann@example.com");
        var firstToken = browser.CsrfToken;

        var projects = await browser.Client.GetAsync("/api/v1/projects");
        var me = await browser.Client.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>("/api/v1/me");
        var session = await browser.GetSessionAsync();

        await projects.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("ann@example.com", me!["email"]!.GetValue<string>());
        await session.ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(firstToken, browser.CsrfToken);
        using var stranger = Browser.Open(app);
        await (await stranger.GetSessionAsync()).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await stranger.Client.GetAsync("/api/v1/projects")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task UnsafeRequestByCookie_WithoutOrWithBadCsrfHeader_Returns403AndChangesNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.CreatePasswordUserAsync("ann@example.com");
        using var browser = await app.SignedInBrowserAsync("ann@example.com");
        var project = new { name = "forged" };

        var missing = await browser.SendAsync(HttpMethod.Post, "/api/v1/projects", project, withCsrf: false);
        browser.CsrfToken = "CfDJ8-not-a-real-antiforgery-token";
        var forged = await browser.SendAsync(HttpMethod.Post, "/api/v1/projects", project);
        var tokenRequest = await browser.SendAsync(HttpMethod.Post, "/api/v1/me/tokens", new { name = "stolen" }, withCsrf: false);

        var problem = await missing.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("X-CSRF-Token", problem["field"]!.GetValue<string>());
        await forged.ExpectProblemAsync(HttpStatusCode.Forbidden);
        await tokenRequest.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Empty((await app.Client.GetJsonAsync("/api/v1/projects")).AsArray());
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task UnsafeRequestByCookie_WithCsrfHeader_Succeeds(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.CreatePasswordUserAsync("ann@example.com", isAdmin: true);
        using var browser = await app.SignedInBrowserAsync("ann@example.com");

        var created = await browser.SendAsync(HttpMethod.Post, "/api/v1/projects", new { name = "from the browser" });
        await browser.GetSessionAsync(); // a token from GET /session works as well
        var deleted = await browser.SendAsync(HttpMethod.Delete, $"/api/v1/projects/{(await created.JsonAsync()).Id()}");

        await created.ExpectAsync(HttpStatusCode.Created);
        await deleted.ExpectAsync(HttpStatusCode.NoContent);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task TokenRequest_NeedsNoCsrfHeader_EvenWithASessionCookie(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.CreatePasswordUserAsync("ann@example.com");
        using var browser = await app.SignedInBrowserAsync("ann@example.com");
        browser.Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestApp.AdminToken);

        var response = await browser.SendAsync(HttpMethod.Post, "/api/v1/projects", new { name = "by token" }, withCsrf: false);

        await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(1, (await response.JsonAsync())["created_by"]!.GetValue<long>()); // the token's user (the admin), not the cookie's
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task SignOut_Returns204AndClearsTheCookie(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.CreatePasswordUserAsync("ann@example.com");
        using var browser = await app.SignedInBrowserAsync("ann@example.com");
        var stolenCookie = browser.Cookie("gw_session");

        var signOut = await browser.SendAsync(HttpMethod.Post, "/api/v1/auth/sign-out");

        await signOut.ExpectAsync(HttpStatusCode.NoContent);
        var cleared = Assert.Single(browser.LastSetCookies, c => c.StartsWith("gw_session=", StringComparison.Ordinal));
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
        Assert.Null(browser.Cookie("gw_session"));
        await (await browser.GetSessionAsync()).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await browser.Client.GetAsync("/api/v1/me")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.NotNull(stolenCookie);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task PasswordChange_EndsOtherSessions_AndKeepsTheChangingBrowserSignedIn(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.CreatePasswordUserAsync("ann@example.com");
        using var laptop = await app.SignedInBrowserAsync("ann@example.com");
        using var phone = await app.SignedInBrowserAsync("ann@example.com");
        await (await phone.Client.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
        const string NewPassword = "a brand new passphrase";

        var change = await laptop.SendAsync(HttpMethod.Patch, "/api/v1/me", new { password = NewPassword, current_password = AccountHelpers.Password });

        await change.ExpectAsync(HttpStatusCode.OK);
        await (await phone.Client.GetAsync("/api/v1/me")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await laptop.Client.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
        await (await laptop.SendAsync(HttpMethod.Post, "/api/v1/me/tokens", new { name = "after change" })).ExpectAsync(HttpStatusCode.Created);
        await (await Browser.Open(app).SignInAsync("ann@example.com", AccountHelpers.Password)).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await Browser.Open(app).SignInAsync("ann@example.com", NewPassword)).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task AdminResettingAPassword_OrDisablingAUser_EndsTheirSessionsAtOnce(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var ann = await app.CreatePasswordUserAsync("ann@example.com");
        var bob = await app.CreatePasswordUserAsync("bob@example.com");
        using var annBrowser = await app.SignedInBrowserAsync("ann@example.com");
        using var bobBrowser = await app.SignedInBrowserAsync("bob@example.com");
        await (await annBrowser.Client.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
        await (await bobBrowser.Client.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);

        (await app.Client.PatchAsJsonAsync($"/api/v1/users/{ann.Id()}", new { password = "reset by the admin" })).EnsureSuccessStatusCode();
        (await app.Client.PatchAsJsonAsync($"/api/v1/users/{bob.Id()}", new { disabled = true })).EnsureSuccessStatusCode();

        await (await annBrowser.Client.GetAsync("/api/v1/me")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await bobBrowser.Client.GetAsync("/api/v1/me")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }
}
