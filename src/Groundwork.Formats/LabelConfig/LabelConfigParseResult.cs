using System.Diagnostics.CodeAnalysis;

namespace Groundwork.Formats.LabelConfigs;

/// <summary>
/// What <see cref="LabelConfigParser.Parse(string)"/> returns: the configuration when it is valid, else the errors.
/// Exactly one of the two is present.
/// </summary>
public sealed record LabelConfigParseResult(LabelConfig? Config, IReadOnlyList<LabelConfigError> Errors)
{
    /// <summary>Whether the configuration parsed without errors (then <see cref="Config"/> is set).</summary>
    [MemberNotNullWhen(true, nameof(Config))]
    public bool IsValid => Config is not null && Errors.Count == 0;
}
