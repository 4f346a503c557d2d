using System.Diagnostics;
using CsCheck;

namespace Groundwork.Formats.Tests.Fuzz;

/// <summary>
/// Bounded fuzzing for CI. By default each fuzzer walks a fixed, seeded sequence of inputs (the same on every
/// run, so a failure is reproducible) for at most <see cref="Iterations"/> inputs or <see cref="Budget"/>,
/// whichever comes first. <c>GROUNDWORK_RANDOM_PROPERTIES=1</c> samples fresh inputs with CsCheck instead, with
/// shrinking, and prints the seed of a failure (re-run one with <c>CsCheck_Seed=...</c>).
/// </summary>
public static class Fuzzing
{
    /// <summary>The most inputs one fuzzer tries per run.</summary>
    public const int Iterations = 2000;

    /// <summary>The longest one fuzzer runs.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    private const ulong FixedSeed = 20261123;

    public static bool IsRandom => Environment.GetEnvironmentVariable("GROUNDWORK_RANDOM_PROPERTIES") == "1";

    /// <summary>Runs <paramref name="check"/> on inputs from <paramref name="gen"/>; returns how many it tried.</summary>
    public static int Run<T>(Gen<T> gen, Action<T> check, int iterations = Iterations)
    {
        ArgumentNullException.ThrowIfNull(gen);
        ArgumentNullException.ThrowIfNull(check);
        if (IsRandom)
        {
            gen.Sample(check, iter: iterations, time: (int)Budget.TotalSeconds, threads: 1);
            return iterations;
        }

        var pcg = new PCG(1, FixedSeed);
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (count < iterations && clock.Elapsed < Budget)
        {
            var input = gen.Generate(pcg, null, out _);
            try
            {
                check(input);
            }
            catch (Exception ex)
            {
                throw new FuzzFailure($"input {count} of the fixed sequence failed: {Check.Print(input)}", ex);
            }

            count++;
        }

        return count;
    }
}
