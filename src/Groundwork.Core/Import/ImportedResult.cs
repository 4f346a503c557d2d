namespace Groundwork.Core.Import;

/// <summary>
/// An annotation or prediction carried by an imported task, unpacked from its Label Studio object:
/// the raw <c>result</c> array and the few fields Groundwork keeps.
/// </summary>
public sealed record ImportedResult(string ResultJson, double? LeadTime, string? ModelVersion, double? Score);
