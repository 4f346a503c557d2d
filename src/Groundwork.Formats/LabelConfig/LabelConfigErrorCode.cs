using System.Text.Json.Serialization;

namespace Groundwork.Formats.LabelConfigs;

/// <summary>What is wrong with a labeling configuration; see <see cref="LabelConfigError"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LabelConfigErrorCode>))]
public enum LabelConfigErrorCode
{
    /// <summary>The text is not well-formed XML.</summary>
    MalformedXml,

    /// <summary>The document has a DOCTYPE; DTDs and entities are disabled.</summary>
    DtdProhibited,

    /// <summary>The document is larger than the parser accepts.</summary>
    TooLarge,

    /// <summary>Elements are nested deeper than the parser accepts.</summary>
    TooDeep,

    /// <summary>The root element is not <c>View</c>.</summary>
    RootNotView,

    /// <summary>A required attribute is missing or empty.</summary>
    MissingAttribute,

    /// <summary>An attribute has a value the tag does not accept.</summary>
    InvalidAttribute,

    /// <summary>Two tags have the same <c>name</c>.</summary>
    DuplicateName,

    /// <summary>A <c>toName</c> names no object tag.</summary>
    UnknownTarget,

    /// <summary>A <c>toName</c> names an object tag this control cannot label.</summary>
    IncompatibleTarget,

    /// <summary>A control that needs options (labels, choices) has none.</summary>
    EmptyOptions,

    /// <summary>Two options of one control have the same value.</summary>
    DuplicateOption,

    /// <summary>Two options of one control have the same hotkey.</summary>
    DuplicateHotkey,

    /// <summary>An option tag (<c>Label</c>, <c>Choice</c>, <c>Relation</c>) outside a control that takes it.</summary>
    MisplacedOption,

    /// <summary>A tag with a <c>toName</c> that is not a known control tag.</summary>
    UnknownControl,

    /// <summary>The configuration has no object tag or no control tag.</summary>
    Incomplete,
}
