using System.Text;
using Groundwork.Core.Export;
using Groundwork.Formats.Export;
using Groundwork.Formats.LabelConfigs;
using Groundwork.Formats.Tests.LabelConfigs;

namespace Groundwork.Formats.Tests.Export;

/// <summary>Builds tasks and runs writers for the export tests.</summary>
internal static class ExportTestKit
{
    public static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static ExportOptions Options { get; } = new() { TimeProvider = new FixedTimeProvider(Created) };

    public static LabelConfig Config(string xml) => LabelConfigParserTests.ParseValid(xml);

    public static ExportTask Task(long id, string dataJson, params ExportAnnotation[] annotations) =>
        new(id, dataJson, null, null, 0, null, "completed", Created, annotations);

    public static ExportAnnotation Annotation(long id, long authorId, string resultJson, double? leadTime = 1.5) =>
        new(id, authorId, resultJson, leadTime, "human", Created, Created.AddMinutes(1));

    public static async Task<byte[]> RunAsync(IExportWriter writer, params ExportTask[] tasks)
    {
        using var stream = new AsyncOnlyStream();
        await writer.WriteStartAsync(stream, CancellationToken.None);
        foreach (var task in tasks)
        {
            await writer.WriteTaskAsync(task, CancellationToken.None);
        }

        await writer.WriteEndAsync(CancellationToken.None);
        return stream.ToArray();
    }

    public static async Task<string> RunToTextAsync(IExportWriter writer, params ExportTask[] tasks) =>
        Encoding.UTF8.GetString(await RunAsync(writer, tasks));

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
