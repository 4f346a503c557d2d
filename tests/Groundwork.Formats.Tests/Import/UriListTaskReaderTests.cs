using System.Text;
using Groundwork.Core.Import;
using Groundwork.Formats.Import;

namespace Groundwork.Formats.Tests.Import;

public sealed class UriListTaskReaderTests
{
    private static async Task<List<ImportTask>> ReadAsync(string text, int chunk = 1 << 20)
    {
        var list = new List<ImportTask>();
        await using var stream = new TrickleStream(Encoding.UTF8.GetBytes(text), chunk);
        await foreach (var task in new UriListTaskReader("image").ReadAsync(stream, new ImportDefaults("b1"), CancellationToken.None))
        {
            list.Add(task);
        }

        return list;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(1 << 16)]
    public async Task EachUrl_BecomesATask_CommentsAndBlankLinesSkipped(int chunk)
    {
        var tasks = await ReadAsync("\uFEFF# photos of week 1\r\nhttps://example.com/a.jpg\r\n\r\n  http://example.com/b.png?x=1&y=\"2\"  \n# end\nhttps://example.com/ü.png", chunk);

        Assert.Equal(3, tasks.Count);
        Assert.Equal("""{"image":"https://example.com/a.jpg"}""", tasks[0].DataJson);
        Assert.Equal("""{"image":"http://example.com/b.png?x=1&y=\"2\""}""", tasks[1].DataJson);
        Assert.Equal("https://example.com/a.jpg", tasks[0].UniqueId);
        Assert.Equal([2L, 4L, 6L], tasks.Select(t => t.Line));
        Assert.All(tasks, t => Assert.Equal("b1", t.Batch));
    }

    [Theory]
    [InlineData("ftp://example.com/a.jpg", "ftp")]
    [InlineData("javascript:alert(1)", "javascript")]
    [InlineData("file:///etc/passwd", "file")]
    [InlineData("data:image/png;base64,AAAA", "data")]
    [InlineData("/relative/a.jpg", "not an absolute URL")]
    [InlineData("example.com/a.jpg", "not an absolute URL")]
    [InlineData("https://example.com/a b.jpg", "white space")]
    public async Task ANonHttpUrl_IsRefusedWithItsLine(string bad, string why)
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync($"https://example.com/ok.jpg\n\n{bad}\n"));

        Assert.Equal(3, error.Line);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVeryLongUrl_GetsAHashedUniqueId()
    {
        var url = "https://example.com/" + new string('a', 600);

        var task = Assert.Single(await ReadAsync(url));

        Assert.StartsWith("url-sha256:", task.UniqueId, StringComparison.Ordinal);
        Assert.Equal(75, task.UniqueId!.Length);
    }

    [Fact]
    public async Task ALineOverTheLimit_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync("https://example.com/\n" + new string('x', UriListTaskReader.MaxLineBytes + 10)));

        Assert.Equal(2, error.Line);
    }
}
