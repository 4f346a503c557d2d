namespace Groundwork.Core.Annotations;

/// <summary>An annotation as submitted: the result array (raw, checked JSON) and the seconds it took.</summary>
public sealed record AnnotationDraft(string ResultJson, double? LeadTime);
