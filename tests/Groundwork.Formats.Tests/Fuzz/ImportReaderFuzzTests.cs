using System.Text;
using System.Text.Json;
using CsCheck;
using Groundwork.Core;
using Groundwork.Core.Import;
using Groundwork.Formats.Import;
using Groundwork.Formats.Tests.Import;

namespace Groundwork.Formats.Tests.Fuzz;

/// <summary>
/// The import readers on random bytes and on mutated valid inputs, read in chunks of every small size:
/// each input gives either tasks whose JSON is well-formed and storable, or an <see cref="ImportFormatException"/>
/// with a line inside the input; nothing else is thrown, and the outcome does not depend on the chunking.
/// </summary>
public sealed class ImportReaderFuzzTests
{
    private const string JsonLinesSeed = """
        {"data":{"text":"a","n":1},"unique_id":"u1","meta":{"k":[1,2]},"priority":2,"batch":"b"}
        {"text":"flat ü 😀","nested":{"a":[true,null,{"b":"c"}]}}

        {"data":{"text":"with \"quotes\" and \\ and \u00e9"},"annotations":[{"result":[{"value":{"choices":["x"]}}],"lead_time":1.5}],"predictions":[{"result":[],"score":0.5}]}
        """;

    private const string CsvSeed = "text,unique_id,priority,batch,extra\n\"a, with comma\",u1,5,b1,x\n\"multi\nline \"\"quoted\"\"\",u2,,b2,y\nplain,u3,-1,,\"\"\n";

    /// <summary>Bytes that matter to the formats, for insertions.</summary>
    private static readonly byte[][] s_tokens =
    [
        "\""u8.ToArray(), ","u8.ToArray(), "\n"u8.ToArray(), "\r\n"u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(),
        ":"u8.ToArray(), "\\"u8.ToArray(), "\\u0000"u8.ToArray(), "\\ud800"u8.ToArray(), "\\udc00"u8.ToArray(), "\t"u8.ToArray(), [0x00], [0xFF],
        [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xEF, 0xBB, 0xBF], "null"u8.ToArray(), "1e999"u8.ToArray(), "\"data\":"u8.ToArray(),
        "\"unique_id\":"u8.ToArray(), "\"priority\":"u8.ToArray(), "\"annotations\":[{\"result\":"u8.ToArray(), "😀"u8.ToArray(),
    ];

    public static TheoryData<string> Readers() => new() { "jsonl", "json", "csv", "tsv" };

    [Theory]
    [MemberData(nameof(Readers))]
    public void Reader_RandomBytes_GivesTasksOrALineNeverAnythingElse(string format)
    {
        var gen = Gen.OneOf(Gen.Byte.Array[0, 200], Gen.Int[0, s_tokens.Length - 1].Select(i => s_tokens[i]).Array[0, 40].Select(parts => parts.SelectMany(p => p).ToArray()));

        var tried = Fuzzing.Run(gen, bytes => AssertWellBehaved(format, bytes));

        Assert.True(tried >= 100, $"only {tried} inputs were checked");
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void Reader_MutatedValidInput_GivesTasksOrALineNeverAnythingElse(string format)
    {
        var seed = Seed(format);
        var mutation = Gen.Select(Gen.Int[0, 3], Gen.Double[0, 1], Gen.Int[1, 12], Gen.Int[0, s_tokens.Length - 1].Select(i => s_tokens[i]));
        var gen = mutation.Array[1, 5].Select(mutations => Mutate(seed, mutations));

        var tried = Fuzzing.Run(gen, bytes => AssertWellBehaved(format, bytes));

        Assert.True(tried >= 100, $"only {tried} inputs were checked");
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void Reader_ValidInput_ReadsTheSameInAnyChunking(string format)
    {
        var whole = Outcome(format, Seed(format), int.MaxValue);

        Assert.Null(whole.Error);
        Assert.Equal(format is "csv" or "tsv" ? 3 : 3, whole.Tasks.Count);
        for (var chunk = 1; chunk <= 9; chunk++)
        {
            Assert.Equal(whole, Outcome(format, Seed(format), chunk));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1 << 20)]
    public void Tsv_BlankCrLfLineBeforeAQuotedMultiLineField_ReadsTheSameInAnyChunking(int chunk)
    {
        // Found by the fuzzer (CsCheck_Seed=b0Gjo3sJ1EI2): CsvHelper handed short reads split the quoted field.
        var input = "text\tunique_id\n\"a\t with comma\"\tu1\n\r\n\"multi\nline \"\"quoted\"\"\"\tu2\nplain\tu3\n"u8.ToArray();

        var outcome = Outcome("tsv", input, chunk);

        Assert.Null(outcome.Error);
        Assert.Equal(["u1", "u2", "u3"], outcome.Tasks.Select(t => t.UniqueId));
        Assert.Equal("""{"text":"multi\nline \"quoted\""}""", outcome.Tasks[1].DataJson);
        Assert.Equal([2L, 4L, 6L], outcome.Tasks.Select(t => t.Line));
    }

    private static byte[] Seed(string format) => Encoding.UTF8.GetBytes(format switch
    {
        "jsonl" => JsonLinesSeed,
        "json" => "[\n" + string.Join(",\n", JsonLinesSeed.Split('\n', StringSplitOptions.RemoveEmptyEntries)) + "\n]\n",
        "csv" => CsvSeed,
        _ => CsvSeed.Replace(',', '\t'),
    });

    private static byte[] Mutate(byte[] seed, (int Kind, double Where, int Length, byte[] Token)[] mutations)
    {
        var bytes = new List<byte>(seed);
        foreach (var (kind, where, length, token) in mutations)
        {
            var at = (int)(where * bytes.Count);
            var n = Math.Min(length, bytes.Count - at);
            switch (kind)
            {
                case 0:
                    bytes.RemoveRange(at, n);
                    break;
                case 1:
                    bytes.InsertRange(at, token);
                    break;
                case 2:
                    bytes.InsertRange(at, bytes.GetRange(at, n));
                    break;
                default:
                    if (at < bytes.Count)
                    {
                        bytes[at] = token[0];
                    }

                    break;
            }
        }

        return [.. bytes];
    }

    private static void AssertWellBehaved(string format, byte[] input)
    {
        var whole = Outcome(format, input, int.MaxValue);
        var lines = 1 + input.Count(b => b == (byte)'\n');
        if (whole.Error is { } error)
        {
            Assert.InRange(error.Line, 1, lines);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }

        foreach (var task in whole.Tasks)
        {
            Assert.InRange(task.Line, 1, lines);
            using var data = JsonDocument.Parse(task.DataJson);
            Assert.Equal(JsonValueKind.Object, data.RootElement.ValueKind);
            Assert.False(StoredText.JsonHasInvalidEscape(task.DataJson), task.DataJson);
            Assert.True(StoredText.IsValid(task.UniqueId));
            Assert.True(StoredText.IsValid(task.Batch));
            foreach (var json in new[] { task.MetadataJson, task.AnnotationsJson, task.PredictionsJson })
            {
                if (json is not null)
                {
                    using var parsed = JsonDocument.Parse(json);
                    Assert.False(StoredText.JsonHasInvalidEscape(json), json);
                }
            }
        }

        // Resumable reading: the same outcome whatever the read size.
        foreach (var chunk in new[] { 1, 2, 3, 5, 64 })
        {
            Assert.Equal(whole, Outcome(format, input, chunk));
        }
    }

    private static ReadOutcome Outcome(string format, byte[] input, int chunk)
    {
        ITaskReader reader = format switch
        {
            "jsonl" => new JsonLinesTaskReader(),
            "json" => new JsonArrayTaskReader(),
            "csv" => new CsvTaskReader(','),
            _ => new CsvTaskReader('\t'),
        };
        var tasks = new List<ImportTask>();
        try
        {
            using var stream = new TrickleStream(input, chunk);
            var enumerator = reader.ReadAsync(stream, ImportDefaults.None, CancellationToken.None).GetAsyncEnumerator();
            try
            {
                while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    tasks.Add(enumerator.Current);
                }
            }
            finally
            {
                enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            return new ReadOutcome(tasks, null);
        }
        catch (ImportFormatException ex)
        {
            return new ReadOutcome(tasks, (ex.Line, ex.Message));
        }
    }

    /// <summary>
    /// What one read gave: the tasks, or the error's line and message. Two reads agree when they fail on the same
    /// line or give the same tasks. (How many tasks came out before an error depends on the read size, and does
    /// not matter: an import that fails stores none. The message may quote what was in the buffer.)
    /// </summary>
    private sealed record ReadOutcome(List<ImportTask> Tasks, (long Line, string Message)? Error)
    {
        public bool Equals(ReadOutcome? other) =>
            other is not null && Error?.Line == other.Error?.Line && (Error is not null || Tasks.SequenceEqual(other.Tasks));

        public override int GetHashCode() => HashCode.Combine(Error?.Line);

        public override string ToString() => $"{Tasks.Count} tasks, error {Error}";
    }
}
