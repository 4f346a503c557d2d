using System.Text;
using Groundwork.Core;

namespace Groundwork.Core.Tests.Storage;

public sealed class StoredTextTests
{
    // Built at run time and not enumerated at discovery: a lone surrogate does not survive an attribute's
    // string constant or the serialisation of test cases (both give U+FFFD).
    public static TheoryData<string, int> Texts()
    {
        const char high = (char)0xD83D, low = (char)0xDE00;
        return new()
        {
            { string.Empty, -1 },
            { "plain ü 😀 ∑", -1 },
            { "a\0b", 1 },
            { high.ToString(), 0 },
            { "ab" + low, 2 },
            { $"{high}{low}{high}", 2 },
            { $"{low}{high}", 0 },
            { $"x{high}\0", 1 },
            { $"x\0{high}", 1 },
        };
    }

    [Theory]
    [MemberData(nameof(Texts), DisableDiscoveryEnumeration = true)]
    public void IndexOfInvalid_FindsTheFirstNulOrUnpairedSurrogate(string text, int expected)
    {
        Assert.Equal(expected, StoredText.IndexOfInvalid(text));
        Assert.Equal(expected < 0, StoredText.IsValid(text));
    }

    [Theory]
    [InlineData("""{"a":"plain","b":"\u00e9\n\"\\"}""", false)]
    [InlineData("""{"a":"\ud83d\ude00"}""", false)]
    [InlineData("""{"a":"\uD83D\uDE00"}""", false)]
    [InlineData("""{"a":"\\u0000"}""", false)]
    [InlineData("""{"a":"\\\ud800"}""", true)]
    [InlineData("""{"a":"\u0000"}""", true)]
    [InlineData("""{"\u0000":1}""", true)]
    [InlineData("""{"a":"\ud800"}""", true)]
    [InlineData("""{"a":"\udc00\ud800"}""", true)]
    [InlineData("""{"a":"\ud800\u0041"}""", true)]
    [InlineData("""{"a":"x\ud83d"}""", true)]
    public void JsonHasInvalidEscape_SeesEscapesNotLookAlikes(string json, bool expected)
    {
        Assert.Equal(expected, StoredText.JsonHasInvalidEscape(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(expected, StoredText.JsonHasInvalidEscape(json));
    }
}
