namespace Groundwork.Quality.Boxes;

/// <summary>A consensus box: averaged coordinates, voted label, and how many workers support it.</summary>
/// <param name="Support">Workers whose box matched this one.</param>
/// <param name="Workers">Distinct workers who drew anything on the task.</param>
/// <param name="MeanIoU">Mean IoU of the supporting boxes with the consensus box (a confidence).</param>
public sealed record ConsensusBox(string Label, double X, double Y, double W, double H, int Support, int Workers, double MeanIoU);
