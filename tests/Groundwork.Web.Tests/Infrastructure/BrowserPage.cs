using Microsoft.Playwright;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>A page in its own browser context that records console errors and uncaught exceptions.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    public BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            // API answers such as 401 or 404 are handled by the UI; the browser still logs them.
            if (message.Type == "error" && !(message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal) && message.Location.Contains("/api/", StringComparison.Ordinal)))
            {
                Errors.Add("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => Errors.Add("page error: " + error);
    }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions seen so far.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Signs in through the sign-in page with an API token.</summary>
    public async Task SignInWithTokenAsync(string token, string path = "/")
    {
        await Page.GotoAsync(path);
        await Page.GetByRole(AriaRole.Tab, new() { Name = "API token" }).ClickAsync();
        await Page.GetByLabel("API token").FillAsync(token);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.Locator(".topbar").WaitForAsync();
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
