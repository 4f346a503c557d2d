using Groundwork.Api.Contracts;
using Groundwork.Core;
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

        if (errors.Count == 0)
        {
            draft = new ProjectDraft(name!.Trim(), labelConfig, request.Instructions ?? existing?.Instructions ?? string.Empty, overlap);
        }

        return errors;
    }
}
