using Groundwork.Quality.Categorical;

namespace Groundwork.Quality.Agreement;

/// <summary>A project's agreement: overall, per label and per annotator against a consensus.</summary>
public sealed record AgreementReport(
    double PercentAgreement,
    double FleissKappa,
    double KrippendorffAlphaNominal,
    IReadOnlyList<LabelAgreement> PerLabel,
    IReadOnlyList<AnnotatorAgreement> PerAnnotator)
{
    public static AgreementReport Compute(LabelTable table, CategoricalResult consensus)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(consensus);
        var k = table.ClassCount;
        var perClassKappa = AgreementMetrics.FleissKappaPerClass(table);
        var consensusCounts = new int[k];
        foreach (var l in consensus.Labels)
        {
            consensusCounts[l]++;
        }

        var perLabel = new LabelAgreement[k];
        for (var c = 0; c < k; c++)
        {
            perLabel[c] = new LabelAgreement(c, table.ClassName(c), table.ClassCounts[c], consensusCounts[c], perClassKappa[c]);
        }

        // Per annotator: walk its labels through the worker index.
        var perAnnotator = new AnnotatorAgreement[table.WorkerCount];
        var workerOffsets = table.WorkerOffsets;
        var workerLabels = table.WorkerLabels;
        var classes = table.LabelClasses;
        var taskOf = TaskOfLabel(table);
        for (var w = 0; w < table.WorkerCount; w++)
        {
            var n = workerOffsets[w + 1] - workerOffsets[w];
            var own = new int[n];
            var agreed = new int[n];
            var same = 0;
            for (var i = 0; i < n; i++)
            {
                var j = workerLabels[workerOffsets[w] + i];
                own[i] = classes[j];
                agreed[i] = consensus.Label(taskOf[j]);
                same += own[i] == agreed[i] ? 1 : 0;
            }

            perAnnotator[w] = new AnnotatorAgreement(
                w,
                table.WorkerName(w),
                n,
                n == 0 ? double.NaN : (double)same / n,
                AgreementMetrics.CohensKappa(own, agreed, k),
                consensus.WorkerSkills[w]);
        }

        return new AgreementReport(
            AgreementMetrics.PercentAgreement(table),
            AgreementMetrics.FleissKappa(table),
            AgreementMetrics.KrippendorffAlpha(table, KrippendorffLevel.Nominal),
            perLabel,
            perAnnotator);
    }

    private static int[] TaskOfLabel(LabelTable table)
    {
        var taskOf = new int[table.LabelCount];
        var offsets = table.TaskOffsets;
        for (var t = 0; t < table.TaskCount; t++)
        {
            for (var j = offsets[t]; j < offsets[t + 1]; j++)
            {
                taskOf[j] = t;
            }
        }

        return taskOf;
    }
}
