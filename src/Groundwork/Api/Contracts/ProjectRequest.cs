namespace Groundwork.Api.Contracts;

/// <summary>
/// Creates a project, or replaces the given fields of one (fields left out keep their value on update).
/// Queue settings: <c>lease_seconds</c>, <c>gold_rate</c> (0..1), <c>gold_threshold</c> (0..1, 0 turns pausing off),
/// <c>gold_window</c> (the last K gold answers), <c>qualification_pass_mark</c> (0..1, 0 turns qualification off).
/// Quality: <c>consensus_method</c> (mv, wmv, ds, onecoin, glad, mace, wawa, zbs), <c>adaptive_target</c> (0..1, 0 turns
/// adaptive overlap off) and <c>adaptive_max</c> (the most annotations a task may get).
/// Review: <c>review_policy</c> (none, all, uncertain), <c>review_sample_rate</c> (above 0, at most 1: the share of the
/// policy's annotations queued for review) and <c>review_threshold</c> (the consensus confidence below which a task is
/// uncertain; 0 clears it, and then adaptive_target applies).
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
    double? QualificationPassMark = null,
    string? ConsensusMethod = null,
    double? AdaptiveTarget = null,
    int? AdaptiveMax = null,
    string? ReviewPolicy = null,
    double? ReviewSampleRate = null,
    double? ReviewThreshold = null);
