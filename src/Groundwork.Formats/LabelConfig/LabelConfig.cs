using System.Text.Json.Serialization;

namespace Groundwork.Formats.LabelConfigs;

/// <summary>
/// A parsed and validated Label Studio labeling configuration. Build one with
/// <see cref="LabelConfigParser.Parse(string)"/>; serialise it with <see cref="LabelConfigJsonContext"/>.
/// </summary>
/// <param name="ObjectTags">The object tags, in document order.</param>
/// <param name="ControlTags">The control tags, in document order.</param>
/// <param name="Variables">
/// The task data keys the configuration reads (<c>value="$text"</c> of object tags and of controls whose
/// options come from data), distinct, in document order. Every imported task should carry each of them.
/// </param>
public sealed record LabelConfig(
    IReadOnlyList<ObjectTag> ObjectTags,
    IReadOnlyList<ControlTag> ControlTags,
    IReadOnlyList<string> Variables)
{
    private readonly Dictionary<string, ObjectTag> _objects = Index(ObjectTags, static o => o.Name);
    private readonly Dictionary<string, ControlTag> _controls = Index(ControlTags, static c => c.Name);

    /// <summary>The object tag with this name, or null.</summary>
    public ObjectTag? FindObject(string name) => _objects.GetValueOrDefault(name);

    /// <summary>The control tag with this name, or null.</summary>
    public ControlTag? FindControl(string name) => _controls.GetValueOrDefault(name);

    /// <summary>The controls of a given kind, in document order.</summary>
    public IEnumerable<ControlTag> ControlsOfKind(ControlTagKind kind) => ControlTags.Where(c => c.Kind == kind);

    private static Dictionary<string, T> Index<T>(IReadOnlyList<T>? items, Func<T, string> key)
    {
        var index = new Dictionary<string, T>(StringComparer.Ordinal);
        if (items is null)
        {
            return index;
        }

        foreach (var item in items)
        {
            index.TryAdd(key(item), item);
        }

        return index;
    }
}
