namespace Groundwork.Core.Export;

/// <summary>
/// A worker's hold on a running job: the job as claimed and the token that names this one claim. Every later
/// step (progress, completion, release) must present the token; once another worker has taken the job over,
/// the token no longer matches and the step is refused, so a job finishes exactly once.
/// </summary>
public sealed record ExportJobClaim(ExportJob Job, string Token);
