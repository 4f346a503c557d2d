using CsCheck;

namespace Groundwork.Formats.Tests.Fuzz;

/// <summary>
/// Bounded fuzzing for CI. By default each fuzzer walks the first <see cref="FixedInputs"/> inputs of a fixed,
/// seeded sequence (the same inputs on every run and on any machine, however busy, so a failure is reproducible and
/// a slow machine checks exactly what a fast one does). <c>GROUNDWORK_RANDOM_PROPERTIES=1</c> samples fresh inputs
/// with CsCheck instead, up to <see cref="Iterations"/> or <see cref="Budget"/>, with shrinking, and prints the seed
/// of a failure (re-run one with <c>CsCheck_Seed=...</c>).
/// </summary>
public static class Fuzzing
{
    /// <summary>The inputs of the fixed sequence every run checks.</summary>
    public const int FixedInputs = 1000;

    /// <summary>The most inputs one fuzzer samples per random run.</summary>
    public const int Iterations = 2000;

    /// <summary>The longest one random run lasts.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    private const ulong FixedSeed = 20261123;

    public static bool IsRandom => Environment.GetEnvironmentVariable("GROUNDWORK_RANDOM_PROPERTIES") == "1";

    /// <summary>Runs <paramref name="check"/> on inputs from <paramref name="gen"/>; returns how many it tried.</summary>
    public static int Run<T>(Gen<T> gen, Action<T> check, int iterations = Iterations, int fixedInputs = FixedInputs)
    {
        ArgumentNullException.ThrowIfNull(gen);
        ArgumentNullException.ThrowIfNull(check);
        if (IsRandom)
        {
            gen.Sample(check, iter: iterations, time: (int)Budget.TotalSeconds, threads: 1);
            return iterations;
        }

        var pcg = new PCG(1, FixedSeed);
        var count = 0;
        while (count < Math.Min(fixedInputs, iterations))
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
