using Groundwork.Testing;
using Microsoft.Playwright;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole run: Debian's /usr/bin/chromium driven by Playwright (never a downloaded
/// browser). Without it the browser tests skip, and under CI=true they fail.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _launchError;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            _launchError = $"{ChromiumPath} is absent (apt-get install chromium; .ci/run installs it)";
            return;
        }

        // The machine is shared and CI runs the test projects side by side: give the UI time to answer.
        Assertions.SetDefaultExpectTimeout(15_000);
        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
            });
        }
        catch (PlaywrightException e)
        {
            _launchError = $"Chromium did not start: {e.Message}";
        }
    }

    /// <summary>A fresh browser context (its own storage) with a page; skips or fails the test when there is no browser.</summary>
    public async Task<BrowserPage> NewPageAsync(WebApp app)
    {
        TestEnvironment.Require(_browser is not null, _launchError ?? "no browser");
        var context = await _browser!.NewContextAsync(new() { BaseURL = app.BaseUrl.ToString(), ViewportSize = new() { Width = 1280, Height = 800 }, AcceptDownloads = true });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
