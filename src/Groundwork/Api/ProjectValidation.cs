using Groundwork.Api.Contracts;
using Groundwork.Core.Projects;
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
        if (errors.Count == 0)
        {
            draft = new ProjectDraft(name!.Trim(), labelConfig, request.Instructions ?? existing?.Instructions ?? string.Empty, overlap) { Queue = queue };
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

    private static bool IsShare(double value) => !double.IsNaN(value) && value is >= 0 and <= 1;
}
