namespace Groundwork.Quality.Agreement;

/// <summary>One annotator against the consensus.</summary>
/// <param name="Worker">Worker index in the label table.</param>
/// <param name="Name">Worker name.</param>
/// <param name="Labels">How many labels the worker gave.</param>
/// <param name="Agreement">Share of its labels equal to the consensus label.</param>
/// <param name="Kappa">Cohen's kappa of its labels against the consensus on its tasks (NaN when undefined).</param>
/// <param name="Skill">The consensus method's own skill estimate.</param>
public sealed record AnnotatorAgreement(int Worker, string Name, int Labels, double Agreement, double Kappa, double Skill);
