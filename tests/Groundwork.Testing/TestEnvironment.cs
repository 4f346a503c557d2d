namespace Groundwork.Testing;

/// <summary>
/// What the test run may rely on. On a developer machine a missing PostgreSQL server, browser or
/// data folder skips the tests that need it; under <c>CI=true</c> the same absence fails them,
/// so a CI run can never pass by skipping its core.
/// </summary>
public static class TestEnvironment
{
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || Environment.GetEnvironmentVariable("CI") == "1";

    /// <summary>Skips the calling test (or fails it under CI) with the reason given.</summary>
    public static void Require(bool condition, string whatIsMissing)
    {
        if (condition)
        {
            return;
        }

        if (IsCi)
        {
            throw new InvalidOperationException($"CI=true, and this test cannot run: {whatIsMissing}");
        }

        Xunit.Assert.Skip(whatIsMissing);
    }
}
