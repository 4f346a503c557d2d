namespace Groundwork.Core.Export;

/// <summary>
/// The life of an export job: <c>queued</c> → <c>running</c> (claimed by one worker, under a lease it keeps
/// renewing) → <c>succeeded</c> or <c>failed</c>. A running job whose lease expired (its process died) is
/// claimed again and starts over; after too many attempts it fails.
/// </summary>
public static class ExportJobStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
