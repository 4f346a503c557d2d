using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Formats.Media;

/// <summary>
/// Which task data key each kind of media fills, read from a label config: the variable of its one
/// <c>&lt;Image&gt;</c>, <c>&lt;Audio&gt;</c> or <c>&lt;Video&gt;</c> tag (<c>value="$image"</c> gives <c>image</c>).
/// A kind the config shows in no tag, or in tags with different variables, has no target and says why.
/// </summary>
public sealed class MediaTargets
{
    private readonly Dictionary<MediaKind, string> _variables = [];
    private readonly Dictionary<MediaKind, string> _reasons = [];

    private MediaTargets()
    {
    }

    public static MediaTargets From(LabelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var targets = new MediaTargets();
        foreach (var (kind, tag) in new[] { (MediaKind.Image, ObjectTagKind.Image), (MediaKind.Audio, ObjectTagKind.Audio), (MediaKind.Video, ObjectTagKind.Video) })
        {
            var tags = config.ObjectTags.Where(o => o.Kind == tag).ToList();
            var variables = tags.Select(o => o.Variable).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            if (tags.Count == 0)
            {
                targets._reasons[kind] = $"the label config has no <{tag}> tag to show it";
            }
            else if (variables.Count == 0)
            {
                targets._reasons[kind] = $"the label config's <{tag}> tag has a fixed value, not a $variable a task can fill";
            }
            else if (variables.Count > 1)
            {
                targets._reasons[kind] = $"the label config has {variables.Count} <{tag}> tags with different variables (${string.Join(", $", variables)}); a media import fills one per task";
            }
            else
            {
                targets._variables[kind] = variables[0];
            }
        }

        return targets;
    }

    /// <summary>The data key files of this kind fill, or null (then <paramref name="reason"/> says why).</summary>
    public string? VariableFor(MediaKind kind, out string? reason)
    {
        if (_variables.TryGetValue(kind, out var variable))
        {
            reason = null;
            return variable;
        }

        reason = _reasons.GetValueOrDefault(kind, "the label config cannot show it");
        return null;
    }

    /// <summary>
    /// The data key a list of URLs fills: the config's only object variable, else its only media (image, audio,
    /// video) variable; null with <paramref name="reason"/> when the config reads several and a URL cannot say which.
    /// </summary>
    public static string? UrlVariable(LabelConfig config, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(config);
        var all = config.ObjectTags.Select(o => o.Variable).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (all.Count == 1)
        {
            reason = null;
            return all[0];
        }

        var media = config.ObjectTags.Where(o => o.Kind is ObjectTagKind.Image or ObjectTagKind.Audio or ObjectTagKind.Video)
            .Select(o => o.Variable).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (media.Count == 1)
        {
            reason = null;
            return media[0];
        }

        reason = all.Count == 0
            ? "the label config has no object tag with a $variable for the URLs to fill"
            : $"the label config reads {all.Count} variables (${string.Join(", $", all)}) and a URL list fills one: import JSON, JSONL or CSV instead";
        return null;
    }
}
