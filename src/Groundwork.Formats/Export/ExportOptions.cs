using Groundwork.Core.Export;

namespace Groundwork.Formats.Export;

/// <summary>Which results an export writes, and the little it needs from outside.</summary>
public sealed record ExportOptions
{
    /// <summary>The defaults: every annotation of every task, system clock, in-memory scratch.</summary>
    public static ExportOptions Default { get; } = new();

    /// <summary>
    /// The hook for consensus exports: returns a task's consensus result (a Label Studio result array, as
    /// JSON) or null when the task has none. When set, a task with a consensus is written with that one
    /// result instead of its annotations.
    /// </summary>
    public Func<ExportTask, string?>? Consensus { get; init; }

    /// <summary>With <see cref="Consensus"/> set: true skips tasks without a consensus; false (default) writes their annotations.</summary>
    public bool ConsensusOnly { get; init; }

    /// <summary>The clock for dates written into outputs (COCO <c>info</c>, YOLO <c>notes.json</c>).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Makes a readable, writable, seekable scratch stream for formats that must hold part of the output
    /// until the end (COCO's <c>images</c>); a temporary file keeps memory bounded. Default: in memory.
    /// </summary>
    public Func<Stream> CreateScratchStream { get; init; } = static () => new MemoryStream();
}
