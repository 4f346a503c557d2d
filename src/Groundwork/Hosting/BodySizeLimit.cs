namespace Groundwork.Hosting;

/// <summary>Endpoint metadata: the largest request body the endpoint accepts.</summary>
public sealed record BodySizeLimit(long MaxBytes);
