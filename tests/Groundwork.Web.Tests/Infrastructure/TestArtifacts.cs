namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>
/// Files the browser tests leave for people to look at: screenshots of every page and the editor's measured speed.
/// They go to <c>GROUNDWORK_TEST_ARTIFACTS</c> when set, else to <c>artifacts/</c> beside the test assembly.
/// </summary>
public static class TestArtifacts
{
    public static string Directory
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("GROUNDWORK_TEST_ARTIFACTS") is { Length: > 0 } configured
                ? configured
                : System.IO.Path.Combine(AppContext.BaseDirectory, "artifacts");
            System.IO.Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public static string Path(string name) => System.IO.Path.Combine(Directory, name);

    /// <summary>A full-viewport PNG of the page, named for what it shows.</summary>
    public static async Task ScreenshotAsync(Microsoft.Playwright.IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ScreenshotAsync(new() { Path = Path(name + ".png") });
    }
}
