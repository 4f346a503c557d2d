namespace Groundwork.Formats.Import;

/// <summary>Values applied to every imported task that does not set its own (for example a batch name given in the URL).</summary>
public sealed record ImportDefaults(string? Batch = null, int Priority = 0)
{
    public static ImportDefaults None { get; } = new();
}
