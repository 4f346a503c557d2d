namespace Groundwork.Api.Contracts;

/// <summary>
/// Creates a project, or replaces the given fields of one (fields left out keep their value on update).
/// Queue settings: <c>lease_seconds</c>, <c>gold_rate</c> (0..1), <c>gold_threshold</c> (0..1, 0 turns pausing off),
/// <c>gold_window</c> (the last K gold answers), <c>qualification_pass_mark</c> (0..1, 0 turns qualification off).
/// </summary>
public sealed record ProjectRequest(
    string? Name,
    string? LabelConfig,
    string? Instructions,
    int? Overlap,
    int? LeaseSeconds = null,
    double? GoldRate = null,
    double? GoldThreshold = null,
    int? GoldWindow = null,
    double? QualificationPassMark = null);
