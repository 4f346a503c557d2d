namespace Groundwork.Formats.LabelConfigs;

/// <summary>An object tag: shows one piece of task data, e.g. <c>&lt;Image name="image" value="$image"/&gt;</c>.</summary>
/// <param name="Name">The unique <c>name</c> that controls point at with <c>toName</c>.</param>
/// <param name="Kind">Which object tag it is.</param>
/// <param name="Value">The <c>value</c> attribute as written (<c>"$image"</c>, or a literal).</param>
/// <param name="Variable">The task data key the value names (<c>"image"</c> for <c>"$image"</c>), or null for a literal.</param>
/// <param name="Attributes">Every attribute as written in the XML.</param>
public sealed record ObjectTag(
    string Name,
    ObjectTagKind Kind,
    string Value,
    string? Variable,
    IReadOnlyDictionary<string, string> Attributes);
