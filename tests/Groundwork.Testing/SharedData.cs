namespace Groundwork.Testing;

/// <summary>
/// Locates <c>../shared/data</c> (real crowd data that is never copied into the product).
/// Tests that need it call <see cref="RequireFolder"/>, which skips on a fresh clone and fails under CI.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> s_root = new(FindRoot);

    /// <summary>The data folder, or null when absent.</summary>
    public static string? Root => s_root.Value;

    public static string RequireFolder(params string[] parts)
    {
        var root = Root;
        TestEnvironment.Require(root is not null, "../shared/data is absent (set GROUNDWORK_SHARED_DATA or place the shared folder beside the repository)");
        var path = Path.Combine([root!, .. parts]);
        TestEnvironment.Require(Directory.Exists(path) || File.Exists(path), $"{path} is absent");
        return path;
    }

    private static string? FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("GROUNDWORK_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        // Walk up from the test binary: <repo>/tests/X/bin/Debug/net10.0 -> <repo>/../shared/data
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate) && dir.GetDirectories("shared").Length == 1 && File.Exists(Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }

        return null;
    }
}
