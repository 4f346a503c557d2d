namespace Groundwork.Core.Projects;

/// <summary>How many tasks have <see cref="Label"/> as their consensus label.</summary>
public sealed record LabelCount(string Label, long Tasks);
