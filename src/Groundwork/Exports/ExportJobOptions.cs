using System.ComponentModel.DataAnnotations;

namespace Groundwork.Exports;

/// <summary>The background export worker. Bound from <c>Groundwork:Exports</c>; checked at start.</summary>
public sealed class ExportJobOptions
{
    public const string Section = "Groundwork:Exports";

    /// <summary>Run export jobs in this process (default true). Turn off on processes that should only serve the API.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often an idle worker looks for queued jobs (a job created through this process wakes it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a claim on a running job lasts without a heartbeat; a job whose worker died is taken over after this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a running job writes its progress to its row (which also renews its lease).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many times a job is started before it is failed (a worker that dies mid-job costs one attempt).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Jobs this process runs at once.</summary>
    [Range(1, 16)]
    public int Concurrency { get; set; } = 1;

    /// <summary>Null when the settings make sense together, else what is wrong.</summary>
    public string? Check() =>
        ProgressInterval * 3 > LeaseDuration
            ? "Groundwork:Exports:ProgressInterval must be at most a third of LeaseDuration, so a live worker renews its lease in time"
            : null;
}
