using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Security;

/// <summary>
/// The servers a bad-input test class shares: one per provider, started on first use, with small body
/// limits so the size cases stay cheap, and a seeded project (tasks, one annotation) for the hostile
/// requests to aim at and for the before/after snapshot to cover.
/// </summary>
public sealed class BadInputApps : IAsyncDisposable
{
    /// <summary>The ordinary body limit of these servers (the configured minimum is 1024).</summary>
    public const long MaxBodyBytes = 4096;

    /// <summary>The import body limit of these servers.</summary>
    public const long MaxImportBytes = 256 * 1024;

    private readonly Dictionary<string, BadInputTarget> _targets = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<BadInputTarget> GetAsync(string provider)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_targets.TryGetValue(provider, out var target))
            {
                var app = await TestApp.StartAsync(provider, new Dictionary<string, string?>
                {
                    ["Groundwork:Api:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Groundwork:Api:MaxImportBytes"] = MaxImportBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
                target = await BadInputTarget.SeedAsync(app);
                _targets[provider] = target;
            }

            return target;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var target in _targets.Values)
        {
            await target.App.DisposeAsync();
        }

        _gate.Dispose();
    }
}
