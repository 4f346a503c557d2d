using Groundwork.Core.Import;

namespace Groundwork.Formats.Import;

/// <summary>
/// Reads tasks from an input stream one at a time, without holding the input in memory.
/// Malformed input raises <see cref="ImportFormatException"/> naming the line and, where known, the field.
/// </summary>
public interface ITaskReader
{
    IAsyncEnumerable<ImportTask> ReadAsync(Stream input, ImportDefaults defaults, CancellationToken cancellationToken);
}
