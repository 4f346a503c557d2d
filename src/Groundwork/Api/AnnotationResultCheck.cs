using System.Text.Json;
using Groundwork.Formats.LabelConfigs;
using Groundwork.Formats.Results;
using Microsoft.Extensions.Caching.Memory;

namespace Groundwork.Api;

/// <summary>
/// Checks a submitted result against the project's labeling configuration (region types, labels, ranges,
/// text offsets against the task's data). Parsed configurations are cached by their text.
/// </summary>
public sealed class AnnotationResultCheck(IMemoryCache cache)
{
    public IReadOnlyDictionary<string, string[]> Check(string labelConfig, string resultJson, string? taskDataJson)
    {
        ArgumentNullException.ThrowIfNull(labelConfig);
        var config = cache.GetOrCreate("label-config:" + labelConfig, entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(10);
            entry.Size = 1;
            return LabelConfigParser.Parse(labelConfig).Config;
        });
        if (config is null)
        {
            return new Dictionary<string, string[]>(StringComparer.Ordinal);
        }

        using var result = JsonDocument.Parse(resultJson);
        using var data = taskDataJson is null ? null : JsonDocument.Parse(taskDataJson);
        var errors = ResultValidator.Validate(config, result.RootElement, data?.RootElement);
        return errors
            .GroupBy(e => $"result[{e.Index}]", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ToString()).ToArray(), StringComparer.Ordinal);
    }
}
