namespace Groundwork.Api.Contracts;

/// <summary>An annotation: the Label Studio <c>result</c> array, the seconds it took, and the lease it was taken under.</summary>
public sealed record AnnotationRequest(RawJson? Result, double? LeadTime, long? LeaseId = null);
