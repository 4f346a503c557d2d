using System.Text;

namespace Groundwork.Core.Import;

/// <summary>
/// A temporary file holding the tasks of one import after they were parsed and checked, so the
/// store can write them in one short transaction (all or nothing) without keeping them in memory
/// and without holding a write lock while a slow client uploads. Written once, read once or more.
/// </summary>
public sealed class TaskSpool : IDisposable
{
    private const int BufferSize = 1 << 16;
    private readonly string _path;
    private readonly FileStream _stream;
    private BinaryWriter? _writer;

    private TaskSpool(string path)
    {
        _path = path;
        _stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.DeleteOnClose | FileOptions.SequentialScan);
        _writer = new BinaryWriter(_stream, Encoding.UTF8, leaveOpen: true);
    }

    /// <summary>How many tasks the spool holds.</summary>
    public long Count { get; private set; }

    /// <summary>How many of them carry annotations or predictions.</summary>
    public long WithAnnotationsOrPredictions { get; private set; }

    public static TaskSpool Create(string? directory = null)
    {
        var folder = directory ?? Path.GetTempPath();
        Directory.CreateDirectory(folder);
        return new TaskSpool(Path.Combine(folder, $"groundwork-import-{Guid.NewGuid():N}.spool"));
    }

    public void Add(ImportTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var writer = _writer ?? throw new InvalidOperationException("The spool is sealed: no more tasks can be added.");
        writer.Write(task.DataJson);
        WriteNullable(writer, task.UniqueId);
        WriteNullable(writer, task.MetadataJson);
        writer.Write(task.Priority);
        WriteNullable(writer, task.Batch);
        WriteNullable(writer, task.AnnotationsJson);
        WriteNullable(writer, task.PredictionsJson);
        writer.Write(task.Line);
        WriteNullable(writer, task.CallbackUrl);
        Count++;
        if (task.AnnotationsJson is not null || task.PredictionsJson is not null)
        {
            WithAnnotationsOrPredictions++;
        }
    }

    /// <summary>Reads the tasks back in the order they were added.</summary>
    public IEnumerable<ImportTask> Read()
    {
        if (_writer is not null)
        {
            _writer.Flush();
            _writer.Dispose();
            _writer = null;
        }

        _stream.Position = 0;
        using var reader = new BinaryReader(_stream, Encoding.UTF8, leaveOpen: true);
        for (long i = 0; i < Count; i++)
        {
            var data = reader.ReadString();
            var uniqueId = ReadNullable(reader);
            var metadata = ReadNullable(reader);
            var priority = reader.ReadInt32();
            var batch = ReadNullable(reader);
            var annotations = ReadNullable(reader);
            var predictions = ReadNullable(reader);
            var line = reader.ReadInt64();
            var callbackUrl = ReadNullable(reader);
            yield return new ImportTask(data, uniqueId, metadata, priority, batch, annotations, predictions, line, callbackUrl);
        }
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _stream.Dispose();
        if (File.Exists(_path))
        {
            File.Delete(_path);
        }
    }

    private static void WriteNullable(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    private static string? ReadNullable(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}
