namespace Groundwork.Quality;

/// <summary>What to do when the same worker labelled the same task more than once.</summary>
public enum DuplicateLabelPolicy
{
    /// <summary>Keep only the worker's last answer in input order (the default: a worker who answers again has changed their mind, and two answers from one person are not independent evidence).</summary>
    KeepLast = 0,

    /// <summary>Keep only the worker's first answer in input order.</summary>
    KeepFirst = 1,

    /// <summary>Keep every answer as a separate label (what crowd-kit does).</summary>
    KeepAll = 2,
}
