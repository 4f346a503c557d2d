namespace Groundwork.Api.Contracts;

/// <summary>An annotation: the Label Studio <c>result</c> array and the seconds it took.</summary>
public sealed record AnnotationRequest(RawJson? Result, double? LeadTime);
