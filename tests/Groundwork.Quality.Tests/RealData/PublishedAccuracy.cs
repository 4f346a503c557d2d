namespace Groundwork.Quality.Tests.RealData;

/// <summary>
/// Accuracies reported for the datasets of ../shared/data/truth (see its README): the crowd-kit paper
/// (Ustalov et al., JOSS 2024), the run outputs of Zheng et al. (VLDB 2017), and crowd-kit 1.4.1 as
/// measured on this machine (used only where no paper gives a figure).
/// </summary>
internal static class PublishedAccuracy
{
    // (dataset, method) -> (accuracy, source)
    public static readonly Dictionary<(string Dataset, string Method), (double Accuracy, string Source)> Figures = new()
    {
        [("D_Product", "mv")] = (0.897, "crowd-kit paper"),
        [("D_PosSent", "mv")] = (0.932, "crowd-kit paper"),
        [("S_Rel", "mv")] = (0.536, "crowd-kit paper"),
        [("S_Adult", "mv")] = (0.763, "crowd-kit paper"),
        [("D_Product", "wawa")] = (0.897, "crowd-kit paper"),
        [("D_PosSent", "wawa")] = (0.951, "crowd-kit paper"),
        [("S_Rel", "wawa")] = (0.557, "crowd-kit paper"),
        [("S_Adult", "wawa")] = (0.766, "crowd-kit paper"),
        [("D_Product", "ds")] = (0.940, "crowd-kit paper"),
        [("D_PosSent", "ds")] = (0.960, "crowd-kit paper"),
        [("S_Rel", "ds")] = (0.615, "crowd-kit paper"),
        [("S_Adult", "ds")] = (0.748, "crowd-kit paper"),
        [("D_Product", "glad")] = (0.928, "crowd-kit paper"),
        [("D_PosSent", "glad")] = (0.948, "crowd-kit paper"),
        [("S_Rel", "glad")] = (0.511, "crowd-kit paper"),
        [("S_Adult", "glad")] = (0.760, "crowd-kit paper"),
        [("D_Product", "mace")] = (0.929, "crowd-kit paper"),
        [("D_PosSent", "mace")] = (0.950, "crowd-kit paper"),
        [("S_Rel", "mace")] = (0.501, "crowd-kit paper"),
        [("S_Adult", "mace")] = (0.763, "crowd-kit paper"),
        [("Duck", "ds")] = (0.8796, "Zheng et al."),
        [("Dog", "ds")] = (0.8426, "Zheng et al."),
        [("Face", "ds")] = (0.6404, "Zheng et al."),
        [("Duck", "glad")] = (0.7685, "Zheng et al."),
        [("Dog", "glad")] = (0.8352, "Zheng et al."),
        [("Face", "glad")] = (0.6301, "Zheng et al."),
        [("Duck", "onecoin")] = (0.7222, "Zheng et al. (ZenCrowd)"),
        [("Dog", "onecoin")] = (0.8302, "Zheng et al. (ZenCrowd)"),
        [("Face", "onecoin")] = (0.6284, "Zheng et al. (ZenCrowd)"),
        [("D_Product", "onecoin")] = (0.9280, "Zheng et al. (ZenCrowd)"),
        [("Duck", "mv")] = (0.7593, "crowd-kit 1.4.1 here"),
        [("Dog", "mv")] = (0.8178, "crowd-kit 1.4.1 here"),
        [("Face", "mv")] = (0.6301, "crowd-kit 1.4.1 here"),
        [("Duck", "wawa")] = (0.7593, "crowd-kit 1.4.1 here"),
        [("Dog", "wawa")] = (0.8290, "crowd-kit 1.4.1 here"),
        [("Face", "wawa")] = (0.6301, "crowd-kit 1.4.1 here"),
        [("Duck", "mace")] = (0.8056, "crowd-kit 1.4.1 here"),
        [("Dog", "mace")] = (0.8302, "crowd-kit 1.4.1 here"),
        [("Face", "mace")] = (0.6353, "crowd-kit 1.4.1 here"),
        [("Duck", "zbs")] = (0.7593, "crowd-kit 1.4.1 here"),
        [("Dog", "zbs")] = (0.8302, "crowd-kit 1.4.1 here"),
        [("Face", "zbs")] = (0.6301, "crowd-kit 1.4.1 here"),
        [("D_PosSent", "zbs")] = (0.9530, "crowd-kit 1.4.1 here"),
        [("D_Product", "zbs")] = (0.8966, "crowd-kit 1.4.1 here"),
        [("S_Adult", "zbs")] = (0.7658, "crowd-kit 1.4.1 here"),
        [("S_Rel", "zbs")] = (0.5563, "crowd-kit 1.4.1 here"),
    };

    /// <summary>
    /// Where our method falls more than half a point below the published figure, and why
    /// (the test accepts these only down to the floor given; see docs/quality.md).
    /// </summary>
    public static readonly Dictionary<(string Dataset, string Method), (double Floor, string Why)> Explained = new()
    {
        [("Duck", "glad")] = (0.72, "Zheng et al. average random-tie runs of Whitehill's code; crowd-kit's GLAD gets the same 0.7222 as ours here, and our fit reaches the same optimum from any starting easiness (b = 1, 0, -1 tried): on Duck the workers' errors are strongly class-dependent, which a one-parameter-per-worker model cannot express (DS reaches 0.898)"),
        [("S_Adult", "mace")] = (0.73, "our MACE learns the class prior (the paper's uniform prior over-predicts the minority class on D_Product, 0.835); on S_Adult the 333 gold tasks are far less dominated by class 0 (56%) than the 11,040 labelled tasks (76% of labels), so a learned prior costs accuracy on the gold subset"),
    };
}
