namespace Groundwork.Formats.LabelConfigs;

/// <summary>
/// One option of a control: a <c>Label</c> of a labels control, a <c>Choice</c> of <c>Choices</c> or
/// <c>Taxonomy</c> (taxonomy choices nest, see <see cref="Children"/>), a <c>Relation</c> of
/// <c>Relations</c> or a <c>Bucket</c> of a <c>Ranker</c>.
/// </summary>
/// <param name="Value">The option as it appears in results (<c>value</c>; for a bucket, its <c>name</c>).</param>
/// <param name="Alias">The <c>alias</c> attribute, written to results instead of the value when present.</param>
/// <param name="Hotkey">The <c>hotkey</c> attribute, if any.</param>
/// <param name="Background">The <c>background</c> colour, if any.</param>
/// <param name="Children">Nested choices (taxonomy only; empty otherwise).</param>
/// <param name="Attributes">Every attribute as written in the XML.</param>
public sealed record LabelOption(
    string Value,
    string? Alias,
    string? Hotkey,
    string? Background,
    IReadOnlyList<LabelOption> Children,
    IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>The string a result carries for this option: the alias when set, else the value.</summary>
    public string ResultValue => Alias ?? Value;
}
