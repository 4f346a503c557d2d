namespace Groundwork.Quality.Agreement;

/// <summary>Agreement on one class.</summary>
/// <param name="Class">Class index.</param>
/// <param name="Name">Class name.</param>
/// <param name="Labels">How many labels gave this class.</param>
/// <param name="ConsensusTasks">How many tasks the consensus put in this class.</param>
/// <param name="FleissKappa">Fleiss' per-category kappa (NaN when undefined).</param>
public sealed record LabelAgreement(int Class, string Name, int Labels, int ConsensusTasks, double FleissKappa);
