using System.Globalization;
using System.Text.Json;

namespace Groundwork.Cli;

/// <summary>
/// How every bench verb ends: readable lines, then one JSON object with the figures as the last line.
/// </summary>
public static class BenchReport
{
    public static void Print(string title, IReadOnlyList<(string Label, string Value)> lines, IReadOnlyDictionary<string, object> figures)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Console.WriteLine(title);
        foreach (var (label, value) in lines)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-22} {value}"));
        }

        Console.WriteLine(JsonSerializer.Serialize(figures));
    }

    /// <summary>The process's peak resident memory in MiB (VmHWM on Linux).</summary>
    public static double PeakRssMegabytes()
    {
        const string Path = "/proc/self/status";
        if (File.Exists(Path))
        {
            foreach (var line in File.ReadLines(Path))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line["VmHWM:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                    return Math.Round(kb / 1024.0, 1);
                }
            }
        }

        return Math.Round(Environment.WorkingSet / 1024.0 / 1024.0, 1);
    }

    /// <summary>Resets the peak so a phase can be measured on its own (Linux: writes 5 to clear_refs).</summary>
    public static void ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public static double Round(double value, int digits = 2) => Math.Round(value, digits);
}
