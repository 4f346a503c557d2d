using System.Collections.Concurrent;
using System.Diagnostics;
using Groundwork.Testing;

namespace Groundwork.Formats.Tests.References;

/// <summary>
/// Runs a format's usual Python reader from Debian's packages (<c>/usr/bin/python3</c> and its dist-packages, which
/// <c>.ci/run</c> installs with apt) on a file Groundwork wrote. Without the package the test skips, and fails under CI=true.
/// </summary>
internal static class PythonReference
{
    public const string Python = "/usr/bin/python3";
    private static readonly ConcurrentDictionary<string, bool> s_modules = new(StringComparer.Ordinal);

    /// <summary>Skips (or under CI fails) unless Debian's Python can import <paramref name="module"/>.</summary>
    public static void Require(string module, string aptPackage)
    {
        var available = File.Exists(Python) && s_modules.GetOrAdd(module, static m => RunAsync($"import {m}", []).GetAwaiter().GetResult().ExitCode == 0);
        TestEnvironment.Require(available, $"{Python} cannot import {module}: apt-get install {aptPackage}");
    }

    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/> and returns its standard output; fails the test on a non-zero exit.</summary>
    public static async Task<string> RunScriptAsync(string script, params string[] arguments)
    {
        var (exitCode, output, error) = await RunAsync(script, arguments);
        Assert.True(exitCode == 0, $"the Python reader failed ({exitCode}):\n{error}");
        return output;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string script, string[] arguments)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Debian's interpreter with Debian's packages only: no user site, no PYTHONPATH from a pyenv shell.
        info.Environment.Remove("PYTHONPATH");
        info.Environment["PYTHONNOUSERSITE"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {Python}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
