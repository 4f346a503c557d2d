using Groundwork.Core.Export;
using Groundwork.Formats.Export;
using Parquet;
using Parquet.Schema;

namespace Groundwork.Formats.Tests.Export;

public sealed class ParquetExportWriterTests
{
    private const string Config = """
        <View>
          <Text name="text" value="$text"/>
          <Choices name="sentiment" toName="text"><Choice value="pos"/><Choice value="neg"/></Choices>
          <Labels name="id" toName="text"><Label value="PER"/></Labels>
          <Text name="second" value="$status"/>
        </View>
        """;

    private static string Choice(string value) =>
        $$$"""[{"id":"r","from_name":"sentiment","to_name":"text","type":"choices","value":{"choices":["{{{value}}}"]}}]""";

    /// <summary>Reads every row group back as columns of strings (numbers and dates in invariant text).</summary>
    private static async Task<(ParquetSchema Schema, int RowGroups, Dictionary<string, List<string?>> Columns)> ReadBackAsync(byte[] file)
    {
        using var stream = new MemoryStream(file);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var columns = reader.Schema.DataFields.ToDictionary(f => f.Name, _ => new List<string?>(), StringComparer.Ordinal);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = (int)group.RowCount;
            foreach (var field in reader.Schema.DataFields)
            {
                var target = columns[field.Name];
                if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
                {
                    var values = new string?[rows];
                    await group.ReadAsync(field, values.AsMemory());
                    target.AddRange(values);
                }
                else if (field.ClrType == typeof(long))
                {
                    var values = new long[rows];
                    await group.ReadAsync<long>(field, values.AsMemory());
                    target.AddRange(values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
                else if (field.ClrType == typeof(int))
                {
                    var values = new int[rows];
                    await group.ReadAsync<int>(field, values.AsMemory());
                    target.AddRange(values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
                else
                {
                    var values = new DateTime[rows];
                    await group.ReadAsync<DateTime>(field, values.AsMemory());
                    target.AddRange(values.Select(v => v.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
        }

        return (reader.Schema, reader.RowGroupCount, columns);
    }

    [Fact]
    public async Task Write_Tasks_ReadsBackOneRowPerTaskWithDataLabelsAndAnnotations()
    {
        var writer = new ParquetExportWriter(ExportTestKit.Config(Config), ExportTestKit.Options);
        ExportTask[] tasks =
        [
            ExportTestKit.Task(1, """{"text":"good day","n":1,"status":7}""", ExportTestKit.Annotation(10, 7, Choice("pos"), leadTime: 2.5)) with { UniqueId = "u1", Batch = "b", Priority = 3 },
            ExportTestKit.Task(2, """{"text":{"nested":[1,"ü"]}}""", ExportTestKit.Annotation(11, 7, Choice("neg")), ExportTestKit.Annotation(12, 8, Choice("pos"))),
            ExportTestKit.Task(3, """{"other":"no text key"}""") with { Status = "queued" },
        ];

        var (schema, groups, columns) = await ReadBackAsync(await ExportTestKit.RunAsync(writer, tasks));

        Assert.Equal(
            ["id", "unique_id", "batch", "status", "priority", "created_at", "data", "text", "data_status", "sentiment", "control_id", "annotations", "annotation_count"],
            schema.DataFields.Select(f => f.Name));
        Assert.Equal(1, groups);
        Assert.Equal(["1", "2", "3"], columns["id"]);
        Assert.Equal(["u1", null, null], columns["unique_id"]);
        Assert.Equal(["b", null, null], columns["batch"]);
        Assert.Equal(["completed", "completed", "queued"], columns["status"]);
        Assert.Equal(["3", "0", "0"], columns["priority"]);
        Assert.Equal(ExportTestKit.Created.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), columns["created_at"][0]);
        Assert.Equal(tasks.Select(t => (string?)t.DataJson), columns["data"]);
        Assert.Equal(["good day", """{"nested":[1,"ü"]}""", null], columns["text"]);
        Assert.Equal(["7", null, null], columns["data_status"]);
        Assert.Equal(["pos", """["neg","pos"]""", null], columns["sentiment"]);
        Assert.Equal([null, null, null], columns["control_id"]);
        Assert.Equal(
            """[{"id":10,"completed_by":7,"lead_time":2.5,"result":[{"id":"r","from_name":"sentiment","to_name":"text","type":"choices","value":{"choices":["pos"]}}]}]""",
            columns["annotations"][0]);
        Assert.Equal("[]", columns["annotations"][2]);
        Assert.Equal(["1", "2", "0"], columns["annotation_count"]);
    }

    [Fact]
    public async Task Write_ManyTasks_WritesBoundedRowGroupsAsItGoes()
    {
        var writer = new ParquetExportWriter(ExportTestKit.Config(Config), ExportTestKit.Options, rowGroupSize: 1000);
        using var stream = new AsyncOnlyStream();
        await writer.WriteStartAsync(stream, CancellationToken.None);
        var writesAfterFirstGroup = -1;
        for (var i = 1; i <= 2500; i++)
        {
            await writer.WriteTaskAsync(ExportTestKit.Task(i, $$"""{"text":"task {{i}}"}""", ExportTestKit.Annotation(i, 1, Choice(i % 2 == 0 ? "pos" : "neg"))), CancellationToken.None);
            if (i == 1000)
            {
                writesAfterFirstGroup = stream.WriteCalls;
            }
        }

        await writer.WriteEndAsync(CancellationToken.None);

        var (_, groups, columns) = await ReadBackAsync(stream.ToArray());
        Assert.True(writesAfterFirstGroup > 0, "the first row group must reach the output before the export ends");
        Assert.Equal(3, groups);
        Assert.Equal(Enumerable.Range(1, 2500).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), columns["id"]);
        Assert.Equal(Enumerable.Range(1, 2500).Select(i => i % 2 == 0 ? "pos" : "neg"), columns["sentiment"]);
        Assert.Equal("task 2500", columns["text"][^1]);
    }

    [Fact]
    public async Task Write_NoTasks_GivesAnEmptyFileWithTheSchema()
    {
        var writer = new ParquetExportWriter(ExportTestKit.Config(Config), ExportTestKit.Options);

        var (schema, groups, _) = await ReadBackAsync(await ExportTestKit.RunAsync(writer));

        Assert.Equal(0, groups);
        Assert.Contains(schema.DataFields, f => f.Name == "sentiment");
    }

    [Fact]
    public void ExportFormats_CreatesTheParquetWriter()
    {
        Assert.Contains("parquet", ExportFormats.All);
        Assert.IsType<ParquetExportWriter>(ExportFormats.Create("parquet", ExportTestKit.Config(Config)));
    }
}
