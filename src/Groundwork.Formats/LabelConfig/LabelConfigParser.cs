using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Groundwork.Formats.LabelConfigs;

/// <summary>
/// Parses and validates a Label Studio labeling configuration. DTDs are prohibited and no external
/// resource is ever resolved, so XXE and entity-expansion documents are rejected, not expanded.
/// Never throws on bad input: every problem comes back as a <see cref="LabelConfigError"/>.
/// </summary>
public static class LabelConfigParser
{
    /// <summary>The largest configuration accepted, in characters.</summary>
    public const int MaxLength = 1_000_000;

    /// <summary>The deepest element nesting accepted.</summary>
    public const int MaxDepth = 64;

    private static readonly XmlReaderSettings s_settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = MaxLength,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    /// <summary>Parses <paramref name="xml"/>; the result holds either the configuration or the errors.</summary>
    public static LabelConfigParseResult Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (xml.Length > MaxLength)
        {
            return Failed(new LabelConfigError(
                LabelConfigErrorCode.TooLarge,
                string.Create(CultureInfo.InvariantCulture, $"the configuration is {xml.Length} characters long; the limit is {MaxLength}"),
                null, null, null, 0, 0));
        }

        XDocument document;
        try
        {
            // A first forward-only pass rejects deep nesting cheaply: XDocument.Load slows down
            // quadratically with depth, so a deeply nested document must never reach it.
            if (FindTooDeep(xml) is { } tooDeep)
            {
                return Failed(tooDeep);
            }

            using var text = new StringReader(xml);
            using var reader = XmlReader.Create(text, s_settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            return Failed(FromXmlException(xml, ex));
        }

        if (document.Root is null)
        {
            return Failed(new LabelConfigError(LabelConfigErrorCode.MalformedXml, "the document has no root element", null, null, null, 0, 0));
        }

        var walker = new Walker();
        walker.Walk(document.Root);
        return walker.Finish();
    }

    private static LabelConfigParseResult Failed(LabelConfigError error) => new(null, [error]);

    private static LabelConfigError? FindTooDeep(string xml)
    {
        using var text = new StringReader(xml);
        using var reader = XmlReader.Create(text, s_settings);
        var where = (IXmlLineInfo)reader;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth >= MaxDepth)
            {
                return new LabelConfigError(
                    LabelConfigErrorCode.TooDeep,
                    string.Create(CultureInfo.InvariantCulture, $"elements are nested more than {MaxDepth} deep"),
                    reader.LocalName, null, null, where.LineNumber, where.LinePosition);
            }
        }

        return null;
    }

    private static LabelConfigError FromXmlException(string xml, XmlException ex)
    {
        var doctype = xml.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
        if (doctype >= 0)
        {
            var line = 1 + xml.AsSpan(0, doctype).Count('\n');
            var lineStart = doctype == 0 ? -1 : xml.LastIndexOf('\n', doctype - 1);
            var position = doctype - lineStart;
            return new LabelConfigError(
                LabelConfigErrorCode.DtdProhibited,
                "DOCTYPE declarations are not allowed: DTDs and entities are disabled in labeling configurations",
                "!DOCTYPE", null, null, line, position);
        }

        return new LabelConfigError(
            LabelConfigErrorCode.MalformedXml,
            "not well-formed XML: " + ex.Message,
            null, null, null, ex.LineNumber, ex.LinePosition);
    }

    /// <summary>One pass over the element tree; collects tags and errors, then checks references.</summary>
    private sealed class Walker
    {
        private readonly List<ObjectTag> _objects = [];
        private readonly List<ControlTag> _controls = [];
        private readonly List<string> _variables = [];
        private readonly HashSet<string> _seenVariables = new(StringComparer.Ordinal);
        private readonly List<LabelConfigError> _errors = [];
        private readonly Dictionary<string, XElement> _names = new(StringComparer.Ordinal);
        private readonly List<(XElement Element, XAttribute Attribute, ControlTagKind Kind, string Target)> _targets = [];

        public void Walk(XElement root)
        {
            if (!string.Equals(root.Name.LocalName, "View", StringComparison.OrdinalIgnoreCase))
            {
                Error(LabelConfigErrorCode.RootNotView, root, null, "the root element must be <View>");
            }

            Visit(root, 1, insideControl: false);
        }

        public LabelConfigParseResult Finish()
        {
            CheckTargets();
            if (_errors.Count == 0 && (_objects.Count == 0 || _controls.Count == 0))
            {
                var missing = _objects.Count == 0 ? "object tag (Image, Text, Audio ...)" : "control tag (Choices, Labels, RectangleLabels ...)";
                _errors.Add(new LabelConfigError(LabelConfigErrorCode.Incomplete, "the configuration has no " + missing, null, null, null, 0, 0));
            }

            return _errors.Count == 0
                ? new LabelConfigParseResult(new LabelConfig(_objects, _controls, _variables), [])
                : new LabelConfigParseResult(null, _errors);
        }

        private void Visit(XElement element, int depth, bool insideControl)
        {
            if (depth > MaxDepth)
            {
                Error(LabelConfigErrorCode.TooDeep, element, null, string.Create(CultureInfo.InvariantCulture, $"elements are nested more than {MaxDepth} deep"));
                return;
            }

            var tag = element.Name.LocalName;
            if (TagCatalog.ObjectTags.TryGetValue(tag, out var objectKind))
            {
                ReadObject(element, objectKind);
            }
            else if (TagCatalog.ControlTags.TryGetValue(tag, out var controlKind))
            {
                ReadControl(element, controlKind, depth);
                insideControl = true;
            }
            else if (TagCatalog.OptionTags.Contains(tag))
            {
                if (!insideControl)
                {
                    Error(LabelConfigErrorCode.MisplacedOption, element, null, $"<{tag}> must be inside a control tag that takes it");
                }

                return;
            }
            else if (Attribute(element, "toName") is { } toName)
            {
                Error(LabelConfigErrorCode.UnknownControl, element, toName, $"<{tag}> is not a control tag Groundwork knows");
            }

            foreach (var child in element.Elements())
            {
                Visit(child, depth + 1, insideControl);
            }
        }

        private void ReadObject(XElement element, ObjectTagKind kind)
        {
            var name = Required(element, "name");
            var value = Required(element, "value") ?? string.Empty;
            if (name is null)
            {
                return;
            }

            var variable = ReadVariable(element, "value", value);
            if (Register(name, element))
            {
                _objects.Add(new ObjectTag(name, kind, value, variable, Attributes(element)));
            }
        }

        private void ReadControl(XElement element, ControlTagKind kind, int depth)
        {
            string? name;
            IReadOnlyList<string> toNames = [];
            if (TagCatalog.NeedsNameAndTarget(kind))
            {
                name = Required(element, "name");
                var toName = Required(element, "toName");
                if (name is null || toName is null)
                {
                    return;
                }

                toNames = ReadTargets(element, kind);
            }
            else
            {
                name = NonEmpty(Attribute(element, "name")) ?? "relations";
                if (Attribute(element, "toName") is not null)
                {
                    toNames = ReadTargets(element, kind);
                }
            }

            var optionsVariable = ReadOptionsVariable(element);
            var options = ReadOptions(element, kind, depth);
            if (TagCatalog.RequiresOptions(kind) && options.Count == 0 && optionsVariable is null
                && Attribute(element, "apiUrl") is null)
            {
                var optionTag = TagCatalog.OptionTag(kind);
                Error(LabelConfigErrorCode.EmptyOptions, element, null, $"<{element.Name.LocalName}> needs at least one <{optionTag}>");
            }

            ChoiceMode? choiceMode = kind == ControlTagKind.Choices || TagCatalog.IsLabels(kind) ? ReadChoiceMode(element) : null;
            int? maxRating = kind == ControlTagKind.Rating ? ReadMaxRating(element) : null;
            double? min = kind == ControlTagKind.Number ? ReadNumber(element, "min") : null;
            double? max = kind == ControlTagKind.Number ? ReadNumber(element, "max") : null;
            if (min > max)
            {
                Error(LabelConfigErrorCode.InvalidAttribute, element, Attribute(element, "min"), "min is greater than max");
            }

            if (Register(name, element))
            {
                _controls.Add(new ControlTag(
                    name, kind, TagCatalog.ResultType(kind), toNames, options, choiceMode, maxRating, min, max,
                    optionsVariable, Attributes(element)));
            }
        }

        private List<string> ReadTargets(XElement element, ControlTagKind kind)
        {
            var attribute = Attribute(element, "toName")!;
            var targets = new List<string>();
            foreach (var part in attribute.Value.Split(','))
            {
                var target = part.Trim();
                if (target.Length == 0)
                {
                    Error(LabelConfigErrorCode.InvalidAttribute, element, attribute, "toName has an empty entry");
                    continue;
                }

                targets.Add(target);
                _targets.Add((element, attribute, kind, target));
            }

            if (targets.Count > 1 && !TagCatalog.AllowsSeveralTargets(kind))
            {
                Error(LabelConfigErrorCode.InvalidAttribute, element, attribute,
                    string.Create(CultureInfo.InvariantCulture, $"toName lists {targets.Count} objects; only Pairwise and Relations take several"));
            }
            else if (kind == ControlTagKind.Pairwise && targets.Count != 2)
            {
                Error(LabelConfigErrorCode.InvalidAttribute, element, attribute,
                    string.Create(CultureInfo.InvariantCulture, $"Pairwise compares exactly two objects; toName lists {targets.Count}"));
            }

            return targets;
        }

        private string? ReadOptionsVariable(XElement element)
        {
            var value = Attribute(element, "value");
            if (value is null || !value.Value.StartsWith('$'))
            {
                return null;
            }

            return ReadVariable(element, value.Name.LocalName, value.Value);
        }

        private List<LabelOption> ReadOptions(XElement control, ControlTagKind kind, int depth)
        {
            var optionTag = TagCatalog.OptionTag(kind);
            var options = new List<LabelOption>();
            if (optionTag is null)
            {
                return options;
            }

            if (kind == ControlTagKind.Taxonomy)
            {
                ReadTaxonomy(control, control, options, depth + 1);
                return options;
            }

            var values = new HashSet<string>(StringComparer.Ordinal);
            var hotkeys = new HashSet<string>(StringComparer.Ordinal);
            CollectOptions(control, control, optionTag, kind, options, values, hotkeys, depth + 1);
            return options;
        }

        private void CollectOptions(
            XElement control, XElement container, string optionTag, ControlTagKind kind,
            List<LabelOption> options, HashSet<string> values, HashSet<string> hotkeys, int depth)
        {
            foreach (var child in container.Elements())
            {
                if (depth > MaxDepth)
                {
                    return; // Visit reports the nesting.
                }

                var tag = child.Name.LocalName;
                if (string.Equals(tag, optionTag, StringComparison.OrdinalIgnoreCase))
                {
                    if (ReadOption(control, child, kind, values, hotkeys) is { } option)
                    {
                        options.Add(option);
                    }
                }
                else if (!TagCatalog.ControlTags.ContainsKey(tag) && !TagCatalog.ObjectTags.ContainsKey(tag))
                {
                    CollectOptions(control, child, optionTag, kind, options, values, hotkeys, depth + 1);
                }
            }
        }

        private void ReadTaxonomy(XElement control, XElement container, List<LabelOption> options, int depth)
        {
            var values = new HashSet<string>(StringComparer.Ordinal);
            var hotkeys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var child in container.Elements())
            {
                if (!string.Equals(child.Name.LocalName, "Choice", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (depth > MaxDepth)
                {
                    Error(LabelConfigErrorCode.TooDeep, child, null, string.Create(CultureInfo.InvariantCulture, $"elements are nested more than {MaxDepth} deep"));
                    return;
                }

                if (ReadOption(control, child, ControlTagKind.Taxonomy, values, hotkeys) is { } option)
                {
                    var children = new List<LabelOption>();
                    ReadTaxonomy(control, child, children, depth + 1);
                    options.Add(option with { Children = children });
                }
            }
        }

        private LabelOption? ReadOption(XElement control, XElement element, ControlTagKind kind, HashSet<string> values, HashSet<string> hotkeys)
        {
            var valueAttribute = kind == ControlTagKind.Ranker ? "name" : "value";
            var value = Required(element, valueAttribute);
            if (value is null)
            {
                return null;
            }

            var alias = NonEmpty(Attribute(element, "alias"));
            if (!values.Add(alias ?? value))
            {
                Error(LabelConfigErrorCode.DuplicateOption, element, Attribute(element, alias is null ? valueAttribute : "alias"),
                    $"\"{alias ?? value}\" appears twice in <{control.Name.LocalName} name=\"{Attribute(control, "name")?.Value}\">");
            }

            var hotkey = NonEmpty(Attribute(element, "hotkey"));
            if (hotkey is not null && !hotkeys.Add(hotkey))
            {
                Error(LabelConfigErrorCode.DuplicateHotkey, element, Attribute(element, "hotkey"),
                    $"hotkey \"{hotkey}\" is used twice in <{control.Name.LocalName} name=\"{Attribute(control, "name")?.Value}\">");
            }

            return new LabelOption(value, alias, hotkey, NonEmpty(Attribute(element, "background")), [], Attributes(element));
        }

        private ChoiceMode ReadChoiceMode(XElement element)
        {
            var attribute = Attribute(element, "choice");
            if (attribute is null)
            {
                return ChoiceMode.Single;
            }

            switch (attribute.Value.Trim().ToLowerInvariant())
            {
                case "single":
                    return ChoiceMode.Single;
                case "single-radio":
                    return ChoiceMode.SingleRadio;
                case "multiple":
                    return ChoiceMode.Multiple;
                default:
                    Error(LabelConfigErrorCode.InvalidAttribute, element, attribute,
                        $"\"{attribute.Value}\" is not one of single, single-radio, multiple");
                    return ChoiceMode.Single;
            }
        }

        private int ReadMaxRating(XElement element)
        {
            var attribute = Attribute(element, "maxRating");
            if (attribute is null)
            {
                return 5;
            }

            if (int.TryParse(attribute.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max is >= 1 and <= 100)
            {
                return max;
            }

            Error(LabelConfigErrorCode.InvalidAttribute, element, attribute, $"\"{attribute.Value}\" is not a whole number from 1 to 100");
            return 5;
        }

        private double? ReadNumber(XElement element, string name)
        {
            var attribute = Attribute(element, name);
            if (attribute is null)
            {
                return null;
            }

            if (double.TryParse(attribute.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                return number;
            }

            Error(LabelConfigErrorCode.InvalidAttribute, element, attribute, $"\"{attribute.Value}\" is not a number");
            return null;
        }

        private string? ReadVariable(XElement element, string attributeName, string value)
        {
            if (!value.StartsWith('$'))
            {
                return null;
            }

            var variable = value[1..];
            if (variable.Length == 0 || !variable.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                Error(LabelConfigErrorCode.InvalidAttribute, element, Attribute(element, attributeName),
                    $"\"{value}\" is not a task data reference: use $ followed by letters, digits, '_', '-' or '.'");
                return null;
            }

            if (_seenVariables.Add(variable))
            {
                _variables.Add(variable);
            }

            return variable;
        }

        private bool Register(string name, XElement element)
        {
            if (_names.TryGetValue(name, out var first))
            {
                var line = (IXmlLineInfo)first;
                Error(LabelConfigErrorCode.DuplicateName, element, Attribute(element, "name"),
                    string.Create(CultureInfo.InvariantCulture, $"name \"{name}\" is already used by <{first.Name.LocalName}> at line {line.LineNumber}, position {line.LinePosition}"));
                return false;
            }

            _names.Add(name, element);
            return true;
        }

        private void CheckTargets()
        {
            var objects = new Dictionary<string, ObjectTag>(StringComparer.Ordinal);
            foreach (var objectTag in _objects)
            {
                objects.TryAdd(objectTag.Name, objectTag);
            }

            foreach (var (element, attribute, kind, target) in _targets)
            {
                if (!objects.TryGetValue(target, out var objectTag))
                {
                    var why = _names.TryGetValue(target, out var named)
                        ? $"\"{target}\" is a <{named.Name.LocalName}>, not an object tag"
                        : $"no object tag is named \"{target}\"";
                    Error(LabelConfigErrorCode.UnknownTarget, element, attribute, why);
                    continue;
                }

                if (TagCatalog.CompatibleTargets(kind) is { } compatible && Array.IndexOf(compatible, objectTag.Kind) < 0)
                {
                    Error(LabelConfigErrorCode.IncompatibleTarget, element, attribute,
                        $"<{element.Name.LocalName}> cannot label <{objectTag.Kind}> \"{target}\"; it labels {string.Join(" or ", compatible)}");
                }
            }
        }

        private string? Required(XElement element, string name)
        {
            var attribute = Attribute(element, name);
            var value = NonEmpty(attribute);
            if (value is null)
            {
                Error(LabelConfigErrorCode.MissingAttribute, element, attribute, $"<{element.Name.LocalName}> needs a non-empty \"{name}\" attribute", name);
            }

            return value;
        }

        private void Error(LabelConfigErrorCode code, XElement element, XAttribute? attribute, string message, string? attributeName = null)
        {
            IXmlLineInfo where = attribute is not null && ((IXmlLineInfo)attribute).HasLineInfo() ? attribute : element;
            _errors.Add(new LabelConfigError(
                code,
                message,
                element.Name.LocalName,
                NonEmpty(Attribute(element, "name")),
                attribute?.Name.LocalName ?? attributeName,
                where.LineNumber,
                where.LinePosition));
        }

        private static XAttribute? Attribute(XElement element, string name)
        {
            foreach (var attribute in element.Attributes())
            {
                if (!attribute.IsNamespaceDeclaration && string.Equals(attribute.Name.LocalName, name, StringComparison.OrdinalIgnoreCase))
                {
                    return attribute;
                }
            }

            return null;
        }

        private static string? NonEmpty(XAttribute? attribute) =>
            attribute is null || string.IsNullOrWhiteSpace(attribute.Value) ? null : attribute.Value;

        private static Dictionary<string, string> Attributes(XElement element)
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var attribute in element.Attributes())
            {
                if (!attribute.IsNamespaceDeclaration)
                {
                    attributes.TryAdd(attribute.Name.LocalName, attribute.Value);
                }
            }

            return attributes;
        }
    }
}
