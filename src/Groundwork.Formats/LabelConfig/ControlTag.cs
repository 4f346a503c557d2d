namespace Groundwork.Formats.LabelConfigs;

/// <summary>
/// A control tag: produces results, e.g. <c>&lt;RectangleLabels name="label" toName="image"&gt;</c>.
/// Properties that only some kinds use are null (or empty) for the others.
/// </summary>
/// <param name="Name">The unique <c>name</c>; results refer to it as <c>from_name</c>.</param>
/// <param name="Kind">Which control tag it is.</param>
/// <param name="ResultType">The <c>type</c> its result regions carry (<c>"rectanglelabels"</c>, <c>"relation"</c> ...).</param>
/// <param name="ToNames">The object tags it labels (<c>toName</c>, split on commas).</param>
/// <param name="Options">Labels, choices, relations or buckets, in document order.</param>
/// <param name="ChoiceMode">For <c>Choices</c> and <c>Labels</c>: how many options one result may carry.</param>
/// <param name="MaxRating">For <c>Rating</c>: the highest rating (<c>maxRating</c>, default 5).</param>
/// <param name="Min">For <c>Number</c>: the <c>min</c> attribute, if any.</param>
/// <param name="Max">For <c>Number</c>: the <c>max</c> attribute, if any.</param>
/// <param name="OptionsVariable">When options come from task data (<c>value="$options"</c>), the data key; the option set is then open.</param>
/// <param name="Attributes">Every attribute as written in the XML.</param>
public sealed record ControlTag(
    string Name,
    ControlTagKind Kind,
    string ResultType,
    IReadOnlyList<string> ToNames,
    IReadOnlyList<LabelOption> Options,
    ChoiceMode? ChoiceMode,
    int? MaxRating,
    double? Min,
    double? Max,
    string? OptionsVariable,
    IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>
    /// Whether a result may carry a value that is not one of <see cref="Options"/>: the options come from
    /// task data (<c>value="$options"</c>) or from a service (Taxonomy's <c>apiUrl</c>).
    /// </summary>
    public bool HasOpenOptions => OptionsVariable is not null
        || Attributes.Keys.Any(static k => string.Equals(k, "apiUrl", StringComparison.OrdinalIgnoreCase));
}
