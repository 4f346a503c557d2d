using System.Globalization;
using System.Text;

namespace Groundwork.Formats.LabelConfigs;

/// <summary>One problem found in a labeling configuration, with where it is.</summary>
/// <param name="Code">What kind of problem.</param>
/// <param name="Message">What is wrong, in a sentence.</param>
/// <param name="Tag">The element's tag name, or null when the problem is not in one element.</param>
/// <param name="TagName">The element's <c>name</c> attribute, if it has one.</param>
/// <param name="Attribute">The attribute at fault, if any.</param>
/// <param name="Line">1-based line, or 0 when unknown.</param>
/// <param name="Position">1-based position in the line, or 0 when unknown.</param>
public sealed record LabelConfigError(
    LabelConfigErrorCode Code,
    string Message,
    string? Tag,
    string? TagName,
    string? Attribute,
    int Line,
    int Position)
{
    /// <summary>The error as one line: <c>line 3, position 4: &lt;Choices name="x"&gt; attribute "toName": ...</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Line > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"line {Line}, position {Position}: ");
        }

        if (Tag is not null)
        {
            text.Append('<').Append(Tag);
            if (TagName is not null)
            {
                text.Append(" name=\"").Append(TagName).Append('"');
            }

            text.Append("> ");
        }

        if (Attribute is not null)
        {
            text.Append("attribute \"").Append(Attribute).Append("\": ");
        }

        return text.Append(Message).ToString();
    }
}
