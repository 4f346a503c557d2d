namespace Groundwork.Api.Contracts;

/// <summary>A task's gold status, for managers: its kind (none, gold, qualification) and known answer.</summary>
public sealed record GoldResponse(long Task, string Kind, RawJson? Result);
