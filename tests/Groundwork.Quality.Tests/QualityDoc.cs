using System.Text;

namespace Groundwork.Quality.Tests;

/// <summary>
/// Writes generated tables into docs/quality.md between <c>&lt;!-- BEGIN name --&gt;</c> and
/// <c>&lt;!-- END name --&gt;</c> markers, only when GROUNDWORK_WRITE_QUALITY_DOC=1, so ordinary
/// test runs never modify the tree.
/// </summary>
internal static class QualityDoc
{
    private static readonly Lock s_lock = new();

    public static bool Enabled => Environment.GetEnvironmentVariable("GROUNDWORK_WRITE_QUALITY_DOC") == "1";

    public static void WriteSection(string name, string content)
    {
        if (!Enabled)
        {
            return;
        }

        var path = FindDoc();
        lock (s_lock)
        {
            var text = File.Exists(path) ? File.ReadAllText(path) : "# Quality engine\n";
            var begin = $"<!-- BEGIN {name} -->";
            var end = $"<!-- END {name} -->";
            var block = new StringBuilder().Append(begin).Append('\n').Append(content.TrimEnd()).Append('\n').Append(end).ToString();
            var i = text.IndexOf(begin, StringComparison.Ordinal);
            var j = text.IndexOf(end, StringComparison.Ordinal);
            text = i >= 0 && j > i
                ? string.Concat(text.AsSpan(0, i), block, text.AsSpan(j + end.Length))
                : text.TrimEnd() + "\n\n" + block + "\n";
            File.WriteAllText(path, text);
        }
    }

    private static string FindDoc()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Groundwork.sln")))
            {
                return Path.Combine(dir.FullName, "docs", "quality.md");
            }
        }

        throw new InvalidOperationException("cannot find the repository root (Groundwork.sln)");
    }
}
