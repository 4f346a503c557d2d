using Groundwork.Core.Import;
using Groundwork.Formats.Media;

namespace Groundwork.Cli;

/// <summary>What a CLI import stored: the tasks, and for media what became of the files (null otherwise).</summary>
public sealed record LocalImportOutcome(ImportResult Result, MediaImportSummary? Media);
