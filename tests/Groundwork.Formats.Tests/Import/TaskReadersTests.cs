using System.Text;
using Groundwork.Core.Import;
using Groundwork.Formats.Import;

namespace Groundwork.Formats.Tests.Import;

public sealed class TaskReadersTests
{
    private static async Task<List<ImportTask>> ReadAsync(ITaskReader reader, string text, int chunk = 1 << 20, ImportDefaults? defaults = null)
    {
        var list = new List<ImportTask>();
        await using var stream = new TrickleStream(Encoding.UTF8.GetBytes(text), chunk);
        await foreach (var task in reader.ReadAsync(stream, defaults ?? ImportDefaults.None, CancellationToken.None))
        {
            list.Add(task);
        }

        return list;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task JsonArray_AnyChunking_GivesSameTasksAndLines(int chunk)
    {
        var text = "[\n  {\"data\":{\"text\":\"a\"},\"unique_id\":\"x\"},\n  {\"text\":\"flat\"},\n\n  {\"data\":{\"text\":\"ünï\"},\"priority\":4,\"meta\":{\"k\":[1,2]}}\n]\n";

        var tasks = await ReadAsync(new JsonArrayTaskReader(), text, chunk);

        Assert.Equal(3, tasks.Count);
        Assert.Equal("""{"text":"a"}""", tasks[0].DataJson);
        Assert.Equal("x", tasks[0].UniqueId);
        Assert.Equal("""{"text":"flat"}""", tasks[1].DataJson);
        Assert.Equal("""{"text":"ünï"}""", tasks[2].DataJson);
        Assert.Equal(4, tasks[2].Priority);
        Assert.Equal("""{"k":[1,2]}""", tasks[2].MetadataJson);
        Assert.Equal([2L, 3L, 5L], tasks.Select(t => t.Line));
    }

    [Fact]
    public async Task JsonArray_LargeTaskLongerThanTheBuffer_IsRead()
    {
        var big = new string('x', 300_000);
        var tasks = await ReadAsync(new JsonArrayTaskReader(), "[{\"data\":{\"text\":\"" + big + "\"}},{\"text\":\"after\"}]", 10_000);

        Assert.Equal(2, tasks.Count);
        Assert.Contains(big, tasks[0].DataJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"data\":{}},\n{\"data\":{},}\n]", 2)]
    [InlineData("[{\"data\":{}},\n\n\"text\"]", 3)]
    [InlineData("[{\"data\":{}}] extra", 1)]
    [InlineData("", 1)]
    public async Task JsonArray_Malformed_ReportsTheLine(string text, long line)
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(new JsonArrayTaskReader(), text, 3));

        Assert.Equal(line, error.Line);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(65536)]
    public async Task JsonLines_AnyChunking_SkipsBlankLinesAndBom(int chunk)
    {
        var text = "\uFEFF{\"text\":\"a\"}\r\n\n  \n{\"data\":{\"text\":\"b\"},\"batch\":\"own\"}\n{\"text\":\"c\"}";

        var tasks = await ReadAsync(new JsonLinesTaskReader(), text, chunk, new ImportDefaults("default"));

        Assert.Equal(["""{"text":"a"}""", """{"text":"b"}""", """{"text":"c"}"""], tasks.Select(t => t.DataJson));
        Assert.Equal([1L, 4L, 5L], tasks.Select(t => t.Line));
        Assert.Equal(["default", "own", "default"], tasks.Select(t => t.Batch));
    }

    [Theory]
    [InlineData("{\"text\":\"a\"}\n{\"data\":\"not an object\"}", 2, "data")]
    [InlineData("{\"text\":\"a\"}\n{\"data\":{},\"unique_id\":true}", 2, "unique_id")]
    [InlineData("{\"data\":{},\"annotations\":{}}", 1, "annotations")]
    [InlineData("{\"data\":{},\"predictions\":[{\"result\":{}}]}", 1, "predictions[0].result")]
    public async Task JsonLines_WrongTypes_NameTheFieldAndLine(string text, long line, string field)
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(new JsonLinesTaskReader(), text));

        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task JsonLines_TooDeep_IsRefused()
    {
        var deep = "{\"data\":" + string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100) + "}";

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(new JsonLinesTaskReader(), deep));

        Assert.Equal(1, error.Line);
    }

    [Fact]
    public async Task Csv_QuotedFieldsWithNewlines_KeepTheirLineNumbers()
    {
        var text = "text,unique_id\n\"multi\nline\",a\nplain,b\n";

        var tasks = await ReadAsync(new CsvTaskReader(), text, 3);

        Assert.Equal(2, tasks.Count);
        Assert.Equal("""{"text":"multi\nline"}""", tasks[0].DataJson);
        Assert.Equal("a", tasks[0].UniqueId);
        Assert.Equal(4, tasks[1].Line);
    }

    [Fact]
    public async Task Csv_NonIntegerPriority_IsReported()
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(new CsvTaskReader(), "text,priority\na,1\nb,high\n"));

        Assert.Equal(3, error.Line);
        Assert.Equal("priority", error.Field);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(65536)]
    public async Task Csv_WithByteOrderMarkAndCrLf_SkipsTheMarkAndCountsLines(int chunk)
    {
        var tasks = await ReadAsync(new CsvTaskReader(), "\uFEFFtext,unique_id\r\na,1\r\n\r\nb,2\r\n", chunk);

        Assert.Equal(["""{"text":"a"}""", """{"text":"b"}"""], tasks.Select(t => t.DataJson));
        Assert.Equal([2L, 4L], tasks.Select(t => t.Line));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, 3)]
    [InlineData(new byte[] { 0xC0, 0x80 }, 3)]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, 3)]
    public async Task Csv_InvalidUtf8_IsReportedAtItsLineNotReplaced(byte[] bad, int line)
    {
        byte[] input = [.. "text\na\nb"u8, .. bad, .. "c\nd\n"u8];
        foreach (var chunk in new[] { 1, 2, 65536 })
        {
            await using var stream = new TrickleStream(input, chunk);
            var error = await Assert.ThrowsAsync<ImportFormatException>(async () =>
            {
                await foreach (var _ in new CsvTaskReader().ReadAsync(stream, ImportDefaults.None, CancellationToken.None))
                {
                }
            });

            Assert.Equal(line, error.Line);
            Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Csv_UnclosedQuote_IsReportedAtTheLineItOpens()
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(new CsvTaskReader(), "text,label\na,b\n\"open,c\nmore\nlines\n"));

        Assert.Equal(3, error.Line);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_NulInAValue_IsReportedWithItsColumn()
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(new CsvTaskReader(), "text,label\na,b\nc,d\0\n"));

        Assert.Equal(3, error.Line);
        Assert.Equal("label", error.Field);
    }

    [Theory]
    [InlineData("{\"data\":{\"text\":\"a\\u0000\"}}", "data")]
    [InlineData("{\"unique_id\":\"\\ud800\",\"data\":{}}", "unique_id")]
    [InlineData("{\"\\ud800\":1}", "data")]
    [InlineData("{\"text\":\"\\udc00\"}", "data")]
    public async Task JsonLines_NulOrUnpairedSurrogateEscape_IsReportedWithItsField(string line, string field)
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(new JsonLinesTaskReader(), "{\"text\":\"ok\"}\n" + line));

        Assert.Equal(2, error.Line);
        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8", typeof(JsonArrayTaskReader))]
    [InlineData("application/x-ndjson", typeof(JsonLinesTaskReader))]
    [InlineData("TEXT/CSV", typeof(CsvTaskReader))]
    public void ForContentType_PicksTheReader(string contentType, Type expected) =>
        Assert.IsType(expected, TaskReaders.ForContentType(contentType));

    [Fact]
    public void ForContentType_Unknown_IsNull()
    {
        Assert.Null(TaskReaders.ForContentType("application/xml"));
        Assert.Null(TaskReaders.ForFileName("../../etc/passwd"));
    }

    [Fact]
    public async Task JsonLines_CallbackUrl_IsReadAndChecked()
    {
        var tasks = await ReadAsync(new JsonLinesTaskReader(), """{"data":{"t":1},"callback_url":"https://example.com/cb/1"}""" + "\n" + """{"data":{"t":2},"callback_url":null}""");
        Assert.Equal(["https://example.com/cb/1", null], tasks.Select(t => t.CallbackUrl));

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(new JsonLinesTaskReader(), """{"data":{"t":1}}""" + "\n" + """{"data":{"t":2},"callback_url":"mailto:x@example.com"}"""));
        Assert.Equal(2, error.Line);
        Assert.Equal("callback_url", error.Field);
    }

    [Fact]
    public async Task Csv_CallbackUrlColumn_IsTheTasksCallbackNotData()
    {
        var tasks = await ReadAsync(new CsvTaskReader(), "text,callback_url\nhello,https://example.com/cb\nbye,\n");
        Assert.Equal(["https://example.com/cb", null], tasks.Select(t => t.CallbackUrl));
        Assert.Equal("""{"text":"hello"}""", tasks[0].DataJson);

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(new CsvTaskReader(), "text,callback_url\nhello,example.com/cb\n"));
        Assert.Equal(("callback_url", 2L), (error.Field, error.Line));
    }
}
