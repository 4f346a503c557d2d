using System.Text.Json;
using Groundwork.Api.Contracts;
using Groundwork.Formats.LabelConfigs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Api;

/// <summary>Checks a Label Studio labeling configuration and returns its parsed model and <c>$variables</c>.</summary>
public static class LabelConfigApi
{
    public static RouteHandlerBuilder MapLabelConfigApi(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/v1/label-configs/validate", Validate)
            .WithTags("Projects")
            .RequireAuthorization()
            .WithName("ValidateLabelConfig")
            .WithSummary("Parse and validate a labeling configuration")
            .WithDescription("Body: {\"label_config\": \"<View>...</View>\"}. 200 with the parsed model (object and control tags, labels, hotkeys) and the $variables tasks must carry; 400 naming each tag, attribute and line at fault.");

    public static Results<ContentHttpResult, ValidationProblem> Validate(LabelConfigRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parsed = LabelConfigParser.Parse(request.LabelConfig ?? string.Empty);
        if (!parsed.IsValid)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["label_config"] = parsed.Errors.Select(e => e.ToString()).ToArray() },
                title: "The labeling configuration is not valid");
        }

        var json = JsonSerializer.Serialize(parsed.Config!, LabelConfigJsonContext.Default.LabelConfig);
        return TypedResults.Content(json, "application/json");
    }
}
