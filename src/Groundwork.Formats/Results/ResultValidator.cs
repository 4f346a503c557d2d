using System.Globalization;
using System.Text.Json;
using Groundwork.Core;
using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Formats.Results;

/// <summary>
/// Checks a Label Studio <c>result</c> array (of an annotation or a prediction) against a labeling
/// configuration: names, types, labels, choices, ratings, image percentages, text offsets, audio times.
/// Pure: reads the JSON it is given, never throws on bad input, returns every problem it finds.
/// </summary>
public static class ResultValidator
{
    /// <summary>Tolerance for percentages that land a hair over 100 through floating-point rounding.</summary>
    private const double Epsilon = 1e-6;

    /// <summary>Validates <paramref name="result"/>; <paramref name="taskData"/> (the task's <c>data</c>) enables the text checks.</summary>
    public static IReadOnlyList<ResultError> Validate(LabelConfig config, JsonElement result, JsonElement? taskData)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<ResultError>();
        if (result.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ResultError(-1, null, "result", $"must be an array of regions, not {Describe(result.ValueKind)}"));
            return errors;
        }

        // A string with a \u0000 or unpaired-surrogate escape is not text: reading it would throw, so such a region
        // is reported as a whole, and task data holding one is left out (without it the text checks are skipped).
        var data = taskData is { ValueKind: JsonValueKind.Object } d && !StoredText.JsonHasInvalidEscape(d.GetRawText()) ? d : (JsonElement?)null;
        var unreadable = result.EnumerateArray().Select(r => StoredText.JsonHasInvalidEscape(r.GetRawText())).ToArray();
        var ids = CollectIds(result, unreadable);
        var index = 0;
        foreach (var region in result.EnumerateArray())
        {
            if (unreadable[index])
            {
                errors.Add(new ResultError(index, null, "region", $"a string {StoredText.Rule}"));
                index++;
                continue;
            }

            var checker = new RegionChecker(config, data, errors, index, region.ValueKind == JsonValueKind.Object ? ReadId(region) : null);
            checker.Check(region, ids);
            index++;
        }

        return errors;
    }

    private static HashSet<string> CollectIds(JsonElement result, bool[] unreadable)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var region in result.EnumerateArray())
        {
            if (!unreadable[index++] && region.ValueKind == JsonValueKind.Object && ReadId(region) is { } id)
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private static string? ReadId(JsonElement region) =>
        region.TryGetProperty("id", out var id) ? id.ValueKind switch
        {
            JsonValueKind.String => id.GetString(),
            JsonValueKind.Number => id.GetRawText(),
            _ => null,
        } : null;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>The checks for one region; every finding goes to the shared error list.</summary>
    private readonly struct RegionChecker(LabelConfig config, JsonElement? data, List<ResultError> errors, int index, string? id)
    {
        public void Check(JsonElement region, HashSet<string> ids)
        {
            if (region.ValueKind != JsonValueKind.Object)
            {
                Error("region", $"must be an object, not {Describe(region.ValueKind)}");
                return;
            }

            var type = OptionalString(region, "type", "type");
            if (string.Equals(type, "relation", StringComparison.Ordinal))
            {
                CheckRelation(region, ids);
                return;
            }

            var fromName = RequiredString(region, "from_name", "from_name");
            var toName = RequiredString(region, "to_name", "to_name");
            if (fromName is null)
            {
                return;
            }

            var control = config.FindControl(fromName);
            if (control is null)
            {
                Error("from_name", $"\"{fromName}\" is not a control tag of the labeling configuration");
                return;
            }

            var target = toName is null ? null : ResolveTarget(control, toName);
            if (type is null)
            {
                Error("type", "is missing");
                return;
            }

            if (!string.Equals(type, control.ResultType, StringComparison.OrdinalIgnoreCase))
            {
                Error("type", $"\"{type}\" does not match {control.Kind} \"{control.Name}\", whose results have type \"{control.ResultType}\"");
                return;
            }

            if (!region.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
            {
                Error("value", "must be an object");
                return;
            }

            CheckOriginalSize(region);
            CheckValue(control, target, value);
        }

        private ObjectTag? ResolveTarget(ControlTag control, string toName)
        {
            foreach (var name in control.ToNames)
            {
                if (string.Equals(name, toName, StringComparison.Ordinal))
                {
                    return config.FindObject(name);
                }
            }

            if (control.ToNames.Count > 1 && string.Equals(string.Join(',', control.ToNames), toName.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal))
            {
                return null;
            }

            Error("to_name", $"\"{toName}\" is not a target of {control.Kind} \"{control.Name}\" (toName=\"{string.Join(',', control.ToNames)}\")");
            return null;
        }

        private void CheckValue(ControlTag control, ObjectTag? target, JsonElement value)
        {
            switch (control.Kind)
            {
                case ControlTagKind.Choices:
                    CheckChoices(control, value);
                    return;
                case ControlTagKind.Taxonomy:
                    CheckTaxonomy(control, value);
                    return;
                case ControlTagKind.TextArea:
                    CheckTextArea(value);
                    return;
                case ControlTagKind.Rating:
                    CheckRating(control, value);
                    return;
                case ControlTagKind.Number:
                    CheckNumber(control, value);
                    return;
                case ControlTagKind.Pairwise:
                    CheckPairwise(value);
                    return;
                case ControlTagKind.Ranker:
                    CheckRanker(control, target, value);
                    return;
                case ControlTagKind.DateTime:
                    RequiredString(value, "datetime", "value.datetime");
                    return;
            }

            if (IsLabels(control.Kind))
            {
                CheckLabels(control, value);
            }

            switch (target?.Kind)
            {
                case ObjectTagKind.Image:
                    CheckImageGeometry(control, value);
                    break;
                case ObjectTagKind.Text:
                    CheckTextSpan(target, value);
                    break;
                case ObjectTagKind.HyperText or ObjectTagKind.Paragraphs:
                    CheckOffsetPair(value, "startOffset", "endOffset", orderedOnlyWhenSameStart: true);
                    break;
                case ObjectTagKind.Audio or ObjectTagKind.Video when control.Kind != ControlTagKind.VideoRectangle:
                    CheckTimeRange(value);
                    break;
            }
        }

        private static bool IsLabels(ControlTagKind kind) => kind is ControlTagKind.Labels
            or ControlTagKind.RectangleLabels or ControlTagKind.PolygonLabels or ControlTagKind.KeyPointLabels
            or ControlTagKind.BrushLabels or ControlTagKind.EllipseLabels or ControlTagKind.HyperTextLabels
            or ControlTagKind.ParagraphLabels or ControlTagKind.TimeSeriesLabels;

        private void CheckLabels(ControlTag control, JsonElement value)
        {
            var field = "value." + control.ResultType;
            var labels = StringArray(value, control.ResultType, field, allowEmpty: false);
            if (labels is null)
            {
                return;
            }

            if (labels.Count > 1 && control.ChoiceMode != ChoiceMode.Multiple)
            {
                Error(field, string.Create(CultureInfo.InvariantCulture, $"{labels.Count} labels given; {control.Kind} \"{control.Name}\" allows one per region (choice=\"multiple\" allows more)"));
            }

            foreach (var label in labels)
            {
                if (!IsOption(control, label))
                {
                    Error(field, $"label \"{label}\" is not in {control.Kind} \"{control.Name}\"");
                }
            }
        }

        private void CheckChoices(ControlTag control, JsonElement value)
        {
            var choices = StringArray(value, "choices", "value.choices", allowEmpty: false);
            if (choices is null)
            {
                return;
            }

            if (choices.Count > 1 && control.ChoiceMode != ChoiceMode.Multiple)
            {
                Error("value.choices", string.Create(CultureInfo.InvariantCulture, $"{choices.Count} choices given; Choices \"{control.Name}\" is single-choice"));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var choice in choices)
            {
                if (!IsOption(control, choice))
                {
                    Error("value.choices", $"choice \"{choice}\" is not in Choices \"{control.Name}\"");
                }
                else if (!seen.Add(choice))
                {
                    Error("value.choices", $"choice \"{choice}\" is given twice");
                }
            }
        }

        private static bool IsOption(ControlTag control, string value)
        {
            if (control.HasOpenOptions)
            {
                return true;
            }

            foreach (var option in control.Options)
            {
                // Label Studio keeps option values as written, but has been seen to write them trimmed.
                if (string.Equals(option.ResultValue, value, StringComparison.Ordinal)
                    || string.Equals(option.ResultValue.Trim(), value.Trim(), StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private void CheckTaxonomy(ControlTag control, JsonElement value)
        {
            if (!value.TryGetProperty("taxonomy", out var paths) || paths.ValueKind != JsonValueKind.Array)
            {
                Error("value.taxonomy", "must be an array of paths (arrays of strings)");
                return;
            }

            var i = 0;
            foreach (var path in paths.EnumerateArray())
            {
                var field = string.Create(CultureInfo.InvariantCulture, $"value.taxonomy[{i++}]");
                if (path.ValueKind != JsonValueKind.Array || path.GetArrayLength() == 0)
                {
                    Error(field, "must be a non-empty array of strings");
                    continue;
                }

                IReadOnlyList<LabelOption> level = control.Options;
                var walked = new List<string>();
                foreach (var step in path.EnumerateArray())
                {
                    if (step.ValueKind != JsonValueKind.String)
                    {
                        Error(field, "must contain only strings");
                        break;
                    }

                    var name = step.GetString()!;
                    walked.Add(name);
                    if (control.HasOpenOptions)
                    {
                        continue;
                    }

                    var next = level.FirstOrDefault(o => string.Equals(o.ResultValue, name, StringComparison.Ordinal));
                    if (next is null)
                    {
                        Error(field, $"\"{string.Join(" / ", walked)}\" is not in Taxonomy \"{control.Name}\"");
                        break;
                    }

                    level = next.Children;
                }
            }
        }

        private void CheckTextArea(JsonElement value)
        {
            if (!value.TryGetProperty("text", out var text))
            {
                Error("value.text", "is missing");
            }
            else if (text.ValueKind == JsonValueKind.Array)
            {
                StringArray(value, "text", "value.text", allowEmpty: false);
            }
            else if (text.ValueKind != JsonValueKind.String)
            {
                Error("value.text", $"must be an array of strings, not {Describe(text.ValueKind)}");
            }
        }

        private void CheckRating(ControlTag control, JsonElement value)
        {
            var max = control.MaxRating ?? 5;
            if (Number(value, "rating", "value.rating") is { } rating
                && (rating != Math.Floor(rating) || rating < 1 || rating > max))
            {
                Error("value.rating", string.Create(CultureInfo.InvariantCulture, $"{rating} is not a whole number from 1 to {max}"));
            }
        }

        private void CheckNumber(ControlTag control, JsonElement value)
        {
            if (Number(value, "number", "value.number") is not { } number)
            {
                return;
            }

            if (number < control.Min)
            {
                Error("value.number", string.Create(CultureInfo.InvariantCulture, $"{number} is below the minimum {control.Min}"));
            }

            if (number > control.Max)
            {
                Error("value.number", string.Create(CultureInfo.InvariantCulture, $"{number} is above the maximum {control.Max}"));
            }
        }

        private void CheckPairwise(JsonElement value)
        {
            var selected = RequiredString(value, "selected", "value.selected");
            if (selected is not null && selected is not ("left" or "right"))
            {
                Error("value.selected", $"\"{selected}\" is not \"left\" or \"right\"");
            }
        }

        private void CheckRanker(ControlTag control, ObjectTag? target, JsonElement value)
        {
            if (!value.TryGetProperty("ranker", out var ranker) || ranker.ValueKind != JsonValueKind.Object)
            {
                Error("value.ranker", "must be an object of bucket name to item ids");
                return;
            }

            var knownItems = target is null ? null : ListItemIds(target);
            var placed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var bucket in ranker.EnumerateObject())
            {
                var field = "value.ranker." + bucket.Name;
                var isBucket = control.Options.Any(o => string.Equals(o.Value, bucket.Name, StringComparison.Ordinal))
                    || control.ToNames.Contains(bucket.Name, StringComparer.Ordinal) || bucket.Name == "_";
                if (!isBucket)
                {
                    Error(field, $"\"{bucket.Name}\" is not a bucket of Ranker \"{control.Name}\"");
                }

                if (bucket.Value.ValueKind != JsonValueKind.Array)
                {
                    Error(field, "must be an array of item ids");
                    continue;
                }

                foreach (var item in bucket.Value.EnumerateArray())
                {
                    var itemId = item.ValueKind switch
                    {
                        JsonValueKind.String => item.GetString()!,
                        JsonValueKind.Number => item.GetRawText(),
                        _ => null,
                    };
                    if (itemId is null)
                    {
                        Error(field, "item ids must be strings");
                    }
                    else if (!placed.Add(itemId))
                    {
                        Error(field, $"item \"{itemId}\" is ranked twice");
                    }
                    else if (knownItems is not null && !knownItems.Contains(itemId))
                    {
                        Error(field, $"item \"{itemId}\" is not in the task's \"{target!.Variable}\" list");
                    }
                }
            }
        }

        private HashSet<string>? ListItemIds(ObjectTag list)
        {
            if (data is not { } d || list.Variable is null || !d.TryGetProperty(list.Variable, out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var itemId))
                {
                    ids.Add(itemId.ValueKind == JsonValueKind.String ? itemId.GetString()! : itemId.GetRawText());
                }
            }

            return ids;
        }

        private void CheckImageGeometry(ControlTag control, JsonElement value)
        {
            switch (control.Kind)
            {
                case ControlTagKind.PolygonLabels or ControlTagKind.Polygon:
                    CheckPoints(value);
                    return;
                case ControlTagKind.KeyPointLabels or ControlTagKind.KeyPoint:
                    Percent(value, "x");
                    Percent(value, "y");
                    if (value.TryGetProperty("width", out _))
                    {
                        NonNegative(value, "width"); // the point's size; Label Studio writes it, older results may not
                    }

                    return;
                case ControlTagKind.EllipseLabels or ControlTagKind.Ellipse:
                    Percent(value, "x");
                    Percent(value, "y");
                    NonNegative(value, "radiusX");
                    NonNegative(value, "radiusY");
                    return;
                case ControlTagKind.BrushLabels or ControlTagKind.Brush:
                    return;
                case ControlTagKind.RectangleLabels or ControlTagKind.Rectangle:
                    CheckBox(value);
                    return;
                default:
                    // Labels or Choices (per region) next to an image carry the geometry of the region they label.
                    if (value.TryGetProperty("points", out _))
                    {
                        CheckPoints(value);
                    }
                    else if (value.TryGetProperty("width", out _))
                    {
                        CheckBox(value);
                    }

                    return;
            }
        }

        private void CheckBox(JsonElement value)
        {
            var x = Percent(value, "x");
            var y = Percent(value, "y");
            var width = Percent(value, "width");
            var height = Percent(value, "height");
            var rotated = value.TryGetProperty("rotation", out var rotation) && rotation.ValueKind == JsonValueKind.Number
                && rotation.TryGetDouble(out var degrees) && degrees % 360 != 0;
            if (rotated || !(InPercentRange(x) && InPercentRange(y) && InPercentRange(width) && InPercentRange(height)))
            {
                // A rotated box's unrotated extent may leave the image while its corners stay inside;
                // a coordinate already out of range has been reported.
                return;
            }

            if (x + width > 100 + Epsilon)
            {
                Error("value.width", string.Create(CultureInfo.InvariantCulture, $"x + width = {x + width} is past the right edge (100)"));
            }

            if (y + height > 100 + Epsilon)
            {
                Error("value.height", string.Create(CultureInfo.InvariantCulture, $"y + height = {y + height} is past the bottom edge (100)"));
            }
        }

        private void CheckPoints(JsonElement value)
        {
            if (!value.TryGetProperty("points", out var points) || points.ValueKind != JsonValueKind.Array)
            {
                Error("value.points", "must be an array of [x, y] percentages");
                return;
            }

            if (points.GetArrayLength() < 3)
            {
                Error("value.points", string.Create(CultureInfo.InvariantCulture, $"a polygon needs at least 3 points, not {points.GetArrayLength()}"));
            }

            var i = 0;
            foreach (var point in points.EnumerateArray())
            {
                var field = string.Create(CultureInfo.InvariantCulture, $"value.points[{i++}]");
                if (point.ValueKind != JsonValueKind.Array || point.GetArrayLength() != 2
                    || point[0].ValueKind != JsonValueKind.Number || point[1].ValueKind != JsonValueKind.Number)
                {
                    Error(field, "must be [x, y]");
                    continue;
                }

                var px = point[0].GetDouble();
                var py = point[1].GetDouble();
                if (!InPercentRange(px) || !InPercentRange(py))
                {
                    Error(field, string.Create(CultureInfo.InvariantCulture, $"[{px}, {py}] is outside 0..100"));
                }
            }
        }

        private void CheckTextSpan(ObjectTag target, JsonElement value)
        {
            var start = Integer(value, "start", "value.start");
            var end = Integer(value, "end", "value.end");
            if (start is null || end is null)
            {
                return;
            }

            if (start < 0)
            {
                Error("value.start", string.Create(CultureInfo.InvariantCulture, $"{start} is negative"));
                return;
            }

            if (end <= start)
            {
                Error("value.end", string.Create(CultureInfo.InvariantCulture, $"{end} is not after start {start}"));
                return;
            }

            if (data is not { } d || target.Variable is null || !d.TryGetProperty(target.Variable, out var textElement)
                || textElement.ValueKind != JsonValueKind.String)
            {
                return;
            }

            var text = textElement.GetString()!;
            if (end > text.Length)
            {
                Error("value.end", string.Create(CultureInfo.InvariantCulture, $"{end} is past the end of data.{target.Variable} ({text.Length} UTF-16 code units)"));
                return;
            }

            if (value.TryGetProperty("text", out var quoted))
            {
                var slice = text.AsSpan((int)start.Value, (int)(end.Value - start.Value));
                if (quoted.ValueKind != JsonValueKind.String || !slice.SequenceEqual(quoted.GetString()))
                {
                    Error("value.text", $"{Quote(quoted)} is not the text at [{start}, {end}) of data.{target.Variable}, which is \"{slice}\"");
                }
            }
        }

        private void CheckOffsetPair(JsonElement value, string startName, string endName, bool orderedOnlyWhenSameStart)
        {
            var start = value.TryGetProperty(startName, out _) ? Integer(value, startName, "value." + startName) : null;
            var end = value.TryGetProperty(endName, out _) ? Integer(value, endName, "value." + endName) : null;
            if (start < 0)
            {
                Error("value." + startName, string.Create(CultureInfo.InvariantCulture, $"{start} is negative"));
            }

            if (end < 0)
            {
                Error("value." + endName, string.Create(CultureInfo.InvariantCulture, $"{end} is negative"));
            }

            var sameContainer = !orderedOnlyWhenSameStart
                || (value.TryGetProperty("start", out var s) && value.TryGetProperty("end", out var e) && s.GetRawText() == e.GetRawText());
            if (sameContainer && start >= 0 && end >= 0 && end < start)
            {
                Error("value." + endName, string.Create(CultureInfo.InvariantCulture, $"{end} is before {startName} {start}"));
            }
        }

        private void CheckTimeRange(JsonElement value)
        {
            var start = Number(value, "start", "value.start");
            var end = Number(value, "end", "value.end");
            if (start < 0)
            {
                Error("value.start", string.Create(CultureInfo.InvariantCulture, $"{start} seconds is negative"));
            }

            if (start is not null && end is not null && end <= start)
            {
                Error("value.end", string.Create(CultureInfo.InvariantCulture, $"{end} seconds is not after start {start}"));
            }
        }

        private void CheckOriginalSize(JsonElement region)
        {
            foreach (var name in (ReadOnlySpan<string>)["original_width", "original_height"])
            {
                if (region.TryGetProperty(name, out var size)
                    && (size.ValueKind != JsonValueKind.Number || !size.TryGetDouble(out var pixels) || pixels <= 0 || pixels != Math.Floor(pixels)))
                {
                    Error(name, $"{Quote(size)} is not a positive whole number of pixels");
                }
            }
        }

        private void CheckRelation(JsonElement region, HashSet<string> ids)
        {
            foreach (var end in (ReadOnlySpan<string>)["from_id", "to_id"])
            {
                var regionId = RequiredString(region, end, end);
                if (regionId is not null && !ids.Contains(regionId))
                {
                    Error(end, $"no region of this result has id \"{regionId}\"");
                }
            }

            if (region.TryGetProperty("direction", out var direction)
                && (direction.ValueKind != JsonValueKind.String || direction.GetString() is not ("left" or "right" or "bi")))
            {
                Error("direction", $"{Quote(direction)} is not \"left\", \"right\" or \"bi\"");
            }

            var relations = config.ControlsOfKind(ControlTagKind.Relations).FirstOrDefault();
            if (!region.TryGetProperty("labels", out _))
            {
                return;
            }

            var labels = StringArray(region, "labels", "labels", allowEmpty: true);
            if (labels is null || labels.Count == 0)
            {
                return;
            }

            if (relations is null)
            {
                Error("labels", "the labeling configuration has no <Relations> tag to take relation labels");
                return;
            }

            foreach (var label in labels)
            {
                if (!IsOption(relations, label))
                {
                    Error("labels", $"relation \"{label}\" is not in Relations");
                }
            }
        }

        private double? Percent(JsonElement value, string name)
        {
            var number = Number(value, name, "value." + name);
            if (number is { } n && !InPercentRange(n))
            {
                Error("value." + name, string.Create(CultureInfo.InvariantCulture, $"{n} is outside 0..100 (image coordinates are percentages)"));
            }

            return number;
        }

        private void NonNegative(JsonElement value, string name)
        {
            if (Number(value, name, "value." + name) is < 0 and var n)
            {
                Error("value." + name, string.Create(CultureInfo.InvariantCulture, $"{n} is negative"));
            }
        }

        private static bool InPercentRange(double? n) => n >= -Epsilon && n <= 100 + Epsilon;

        private double? Number(JsonElement parent, string name, string field)
        {
            if (!parent.TryGetProperty(name, out var element))
            {
                Error(field, "is missing");
                return null;
            }

            if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number) || !double.IsFinite(number))
            {
                Error(field, $"must be a number, not {Quote(element)}");
                return null;
            }

            return number;
        }

        private long? Integer(JsonElement parent, string name, string field)
        {
            if (!parent.TryGetProperty(name, out var element))
            {
                Error(field, "is missing");
                return null;
            }

            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var number))
            {
                Error(field, $"must be a whole number, not {Quote(element)}");
                return null;
            }

            return number;
        }

        private string? RequiredString(JsonElement parent, string name, string field)
        {
            if (!parent.TryGetProperty(name, out var element))
            {
                Error(field, "is missing");
                return null;
            }

            if (element.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(element.GetString()))
            {
                Error(field, $"must be a non-empty string, not {Quote(element)}");
                return null;
            }

            return element.GetString();
        }

        private string? OptionalString(JsonElement parent, string name, string field) =>
            parent.TryGetProperty(name, out _) ? RequiredString(parent, name, field) : null;

        private List<string>? StringArray(JsonElement parent, string name, string field, bool allowEmpty)
        {
            if (!parent.TryGetProperty(name, out var array))
            {
                Error(field, "is missing");
                return null;
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                Error(field, $"must be an array of strings, not {Quote(array)}");
                return null;
            }

            var items = new List<string>(array.GetArrayLength());
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    Error(field, $"must contain only strings, not {Quote(item)}");
                    return null;
                }

                items.Add(item.GetString()!);
            }

            if (!allowEmpty && items.Count == 0)
            {
                Error(field, "is empty");
                return null;
            }

            return items;
        }

        private static string Quote(JsonElement element)
        {
            var raw = element.ValueKind == JsonValueKind.Undefined ? "nothing" : element.GetRawText();
            return raw.Length > 60 ? string.Concat(raw.AsSpan(0, 57), "...") : raw;
        }

        private void Error(string field, string message) => errors.Add(new ResultError(index, id, field, message));
    }
}
