using Groundwork.Api.Contracts;
using Groundwork.Core;
using Groundwork.Core.Projects;
using Groundwork.Core.Reviews;
using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Api;

/// <summary>Checks a project request field by field; errors are keyed by the snake_case field name.</summary>
public static class ProjectValidation
{
    public const int MaxNameLength = 200;
    public const int MaxOverlap = 100;

    /// <summary>The configuration of a project created without one: text classified into two classes.</summary>
    public const string DefaultLabelConfig =
        """<View><Text name="text" value="$text"/><Choices name="label" toName="text"><Choice value="positive"/><Choice value="negative"/></Choices></View>""";

    public static Dictionary<string, string[]> Validate(ProjectRequest? request, Project? existing, out ProjectDraft? draft)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        draft = null;
        if (request is null)
        {
            errors["body"] = ["a JSON object with the project's fields is required"];
            return errors;
        }

        var name = request.Name ?? existing?.Name;
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = ["name is required"];
        }
        else if (name.Length > MaxNameLength)
        {
            errors["name"] = [$"name must have at most {MaxNameLength} characters"];
        }
        else if (!StoredText.IsValid(name))
        {
            errors["name"] = [$"name {StoredText.Rule}"];
        }

        if (!StoredText.IsValid(request.Instructions))
        {
            errors["instructions"] = [$"instructions {StoredText.Rule}"];
        }

        var labelConfig = request.LabelConfig ?? existing?.LabelConfig ?? DefaultLabelConfig;
        var parsed = LabelConfigParser.Parse(labelConfig);
        if (!parsed.IsValid)
        {
            errors["label_config"] = parsed.Errors.Select(e => e.ToString()).ToArray();
        }

        var overlap = request.Overlap ?? existing?.Overlap ?? 1;
        if (overlap is < 1 or > MaxOverlap)
        {
            errors["overlap"] = [$"overlap must be between 1 and {MaxOverlap}"];
        }

        var queue = ValidateQueue(request, existing?.Queue ?? ProjectQueueSettings.Default, errors);
        var quality = ValidateQuality(request, existing?.Quality ?? ProjectQualitySettings.Default, overlap, errors);
        var review = ValidateReview(request, existing?.Review ?? ProjectReviewSettings.Default, quality, parsed.Config, errors);
        if (errors.Count == 0)
        {
            draft = new ProjectDraft(name!.Trim(), labelConfig, request.Instructions ?? existing?.Instructions ?? string.Empty, overlap)
            {
                Queue = queue, Quality = quality, Review = review,
            };
        }

        return errors;
    }

    private static ProjectQueueSettings ValidateQueue(ProjectRequest request, ProjectQueueSettings current, Dictionary<string, string[]> errors)
    {
        var leaseSeconds = request.LeaseSeconds ?? current.LeaseSeconds;
        if (leaseSeconds is < ProjectQueueSettings.MinLeaseSeconds or > ProjectQueueSettings.MaxLeaseSeconds)
        {
            errors["lease_seconds"] = [$"lease_seconds must be between {ProjectQueueSettings.MinLeaseSeconds} and {ProjectQueueSettings.MaxLeaseSeconds}"];
        }

        var goldRate = request.GoldRate ?? current.GoldRate;
        if (!IsShare(goldRate))
        {
            errors["gold_rate"] = ["gold_rate must be a share between 0 and 1 (0.05 mixes one gold task into every 20)"];
        }

        var goldThreshold = request.GoldThreshold is { } threshold ? (threshold == 0 ? null : threshold) : current.GoldThreshold;
        if (goldThreshold is { } t && !IsShare(t))
        {
            errors["gold_threshold"] = ["gold_threshold must be an accuracy between 0 and 1 (0 turns pausing off)"];
        }

        var goldWindow = request.GoldWindow ?? current.GoldWindow;
        if (goldWindow is < 1 or > 1000)
        {
            errors["gold_window"] = ["gold_window must be between 1 and 1000 gold answers"];
        }

        var passMark = request.QualificationPassMark is { } mark ? (mark == 0 ? null : mark) : current.QualificationPassMark;
        if (passMark is { } p && !IsShare(p))
        {
            errors["qualification_pass_mark"] = ["qualification_pass_mark must be an accuracy between 0 and 1 (0 turns qualification off)"];
        }

        return new ProjectQueueSettings(leaseSeconds, goldRate, goldThreshold, goldWindow, passMark);
    }

    private static ProjectQualitySettings ValidateQuality(ProjectRequest request, ProjectQualitySettings current, int overlap, Dictionary<string, string[]> errors)
    {
        var method = request.ConsensusMethod?.Trim().ToLowerInvariant() ?? current.ConsensusMethod;
        if (!Groundwork.Quality.AggregationCatalogue.TryGet(method, out _))
        {
            errors["consensus_method"] = [$"unknown consensus_method '{method}': use one of {string.Join(", ", Groundwork.Quality.AggregationCatalogue.All.Select(m => m.Name))}"];
        }

        var target = request.AdaptiveTarget is { } t ? (t == 0 ? null : t) : current.AdaptiveTarget;
        if (target is { } value && (!IsShare(value) || value < 0.5))
        {
            errors["adaptive_target"] = ["adaptive_target must be a confidence between 0.5 and 1 (0 turns adaptive overlap off)"];
        }

        var max = request.AdaptiveMax ?? current.AdaptiveMax;
        if (target is not null && (max is null || max < overlap || max > MaxOverlap))
        {
            errors["adaptive_max"] = [$"with adaptive_target set, adaptive_max must be between the overlap ({overlap}) and {MaxOverlap}"];
        }

        return new ProjectQualitySettings(method, target, max);
    }

    /// <summary>The smallest review sample rate: one annotation in <see cref="ProjectReviewSettings.SampleBuckets"/>.</summary>
    public const double MinReviewSampleRate = 1.0 / ProjectReviewSettings.SampleBuckets;

    private static ProjectReviewSettings ValidateReview(
        ProjectRequest request, ProjectReviewSettings current, ProjectQualitySettings quality, LabelConfig? config, Dictionary<string, string[]> errors)
    {
        var policy = current.Policy;
        if (request.ReviewPolicy is { } name && !ReviewPolicyNames.TryParse(name.Trim().ToLowerInvariant(), out policy))
        {
            errors["review_policy"] = [$"unknown review_policy '{name}': use one of {string.Join(", ", ReviewPolicyNames.Names)}"];
        }

        var rate = request.ReviewSampleRate ?? current.SampleRate;
        if (double.IsNaN(rate) || rate < MinReviewSampleRate || rate > 1)
        {
            errors["review_sample_rate"] = [$"review_sample_rate must be a share above 0 (at least {MinReviewSampleRate}) and at most 1: 0.1 queues one annotation in ten for review"];
        }

        var threshold = request.ReviewThreshold is { } t ? (t == 0 ? null : t) : current.Threshold;
        if (threshold is { } value && (double.IsNaN(value) || value is <= 0 or > 1))
        {
            errors["review_threshold"] = ["review_threshold must be a consensus confidence above 0 and at most 1 (0 clears it: adaptive_target applies)"];
        }
        else if (policy == ReviewPolicy.Uncertain && (threshold ?? quality.AdaptiveTarget) is null)
        {
            errors["review_threshold"] = ["review_policy uncertain needs review_threshold (the consensus confidence below which a task's annotations are reviewed) or adaptive_target"];
        }

        if (policy == ReviewPolicy.Uncertain && config is not null && Consensus.ProjectConsensusCalculator.ConsensusControl(config) is null && !errors.ContainsKey("review_policy"))
        {
            errors["review_policy"] = ["review_policy uncertain needs a consensus confidence, which needs a single-choice Choices control with two or more fixed options in the labeling configuration; use all instead"];
        }

        return new ProjectReviewSettings(policy, rate, threshold);
    }

    private static bool IsShare(double value) => !double.IsNaN(value) && value is >= 0 and <= 1;
}
