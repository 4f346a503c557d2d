using Groundwork.Hosting;

namespace Groundwork.Cli;

/// <summary>A read-only pass-through stream that reports how many bytes have gone through it.</summary>
public sealed class ProgressStream(Stream inner, Action<long> report) : CountingReadStream(inner)
{
    protected override void OnRead(long totalBytes) => report(totalBytes);
}
