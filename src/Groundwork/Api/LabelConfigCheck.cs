using System.Xml;

namespace Groundwork.Api;

/// <summary>
/// The label config's first gate: well-formed XML with a <c>View</c> root, DTDs refused and no external
/// resolution. Deeper validation (tags, names, toName targets) comes from the formats library's parser.
/// </summary>
public static class LabelConfigCheck
{
    public const string DefaultConfig = "<View></View>";
    public const int MaxLength = 1024 * 1024;

    private static readonly XmlReaderSettings s_settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxLength,
        IgnoreComments = true,
    };

    /// <summary>Null when acceptable, else what is wrong and where.</summary>
    public static string? Check(string labelConfig)
    {
        ArgumentNullException.ThrowIfNull(labelConfig);
        if (labelConfig.Length > MaxLength)
        {
            return $"label_config must be at most {MaxLength} characters";
        }

        try
        {
            using var text = new StringReader(labelConfig);
            using var reader = XmlReader.Create(text, s_settings);
            var root = true;
            while (reader.Read())
            {
                if (root && reader.NodeType == XmlNodeType.Element)
                {
                    root = false;
                    if (!string.Equals(reader.Name, "View", StringComparison.Ordinal))
                    {
                        return $"the root element must be <View>, not <{reader.Name}>";
                    }
                }
            }

            return root ? "label_config has no <View> element" : null;
        }
        catch (XmlException ex)
        {
            return $"label_config is not well-formed XML: {ex.Message}";
        }
    }
}
