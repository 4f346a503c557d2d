namespace Groundwork.Quality.Overlap;

/// <summary>The outcome of replaying recorded labels under an overlap policy.</summary>
/// <param name="LabelsUsed">Labels revealed when the policy stopped.</param>
/// <param name="LabelsAvailable">All recorded labels.</param>
/// <param name="Accuracy">Accuracy of the final consensus on gold tasks.</param>
/// <param name="Rounds">Refits of the consensus model.</param>
public sealed record ReplayResult(int LabelsUsed, int LabelsAvailable, double Accuracy, int Rounds)
{
    /// <summary>Share of the recorded labels saved.</summary>
    public double Saving => 1.0 - ((double)LabelsUsed / LabelsAvailable);
}
