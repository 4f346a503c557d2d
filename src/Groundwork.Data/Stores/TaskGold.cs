using Groundwork.Core.Queue;

namespace Groundwork.Data.Stores;

/// <summary>A task's gold kind and known answer, as stored.</summary>
internal sealed record TaskGold(GoldKind Kind, string? GroundTruthJson);
