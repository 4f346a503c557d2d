using System.Text.Json.Serialization;

namespace Groundwork.Formats.LabelConfigs;

/// <summary>How many options of a <c>Choices</c> or <c>Labels</c> control one result may carry (the <c>choice</c> attribute).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChoiceMode>))]
public enum ChoiceMode
{
    /// <summary><c>choice="single"</c>, the default: at most one option.</summary>
    [JsonStringEnumMemberName("single")]
    Single,

    /// <summary><c>choice="single-radio"</c>: at most one option, shown as radio buttons.</summary>
    [JsonStringEnumMemberName("single-radio")]
    SingleRadio,

    /// <summary><c>choice="multiple"</c>: any number of options.</summary>
    [JsonStringEnumMemberName("multiple")]
    Multiple,
}
