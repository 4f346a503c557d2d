namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>
/// Runs a browser scenario up to three times, each attempt on a fresh server and page. Headless Chromium on a
/// loaded two-core machine occasionally misses a synthetic drag or a keypress that lands before the page has
/// wired its handlers; a scenario that fails three times in a row fails the test. Every failed attempt is
/// written to standard error so flakiness stays visible in the CI log. Skips are never retried.
/// </summary>
internal static class BrowserRetry
{
    public const int Attempts = 3;

    public static async Task RunAsync(Func<Task> scenario, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await scenario();
                return;
            }
            catch (Exception exception) when (attempt < Attempts && !exception.GetType().Name.Contains("Skip", StringComparison.Ordinal))
            {
                await Console.Error.WriteLineAsync($"browser test {name}: attempt {attempt} of {Attempts} failed, retrying: {exception.GetType().Name}: {exception.Message.Split('\n')[0]}");
            }
        }
    }
}
