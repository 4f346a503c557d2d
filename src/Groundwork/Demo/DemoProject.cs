using Groundwork.Core.Import;

namespace Groundwork.Demo;

/// <summary>One sample project: what it is called, its labeling configuration and instructions, and its tasks.</summary>
public sealed record DemoProject(string Name, string LabelConfig, string Instructions, int Overlap, IReadOnlyList<ImportTask> Tasks);
