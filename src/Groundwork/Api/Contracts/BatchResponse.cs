namespace Groundwork.Api.Contracts;

public sealed record BatchResponse(string Batch, long Tasks, long Completed, bool Paused);
