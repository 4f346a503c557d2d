using System.Text.Json;
using Groundwork.Core.Export;

namespace Groundwork.Formats.Export;

/// <summary>The results of one task that an export writes: its consensus, or its annotations. Dispose after the task.</summary>
internal sealed class TaskResults : IDisposable
{
    private readonly List<JsonDocument> _documents = [];

    private TaskResults()
    {
    }

    /// <summary>Each result: the annotation it came from (null for a consensus) and its result array.</summary>
    public List<(ExportAnnotation? Annotation, JsonElement Result)> Items { get; } = [];

    /// <summary>Selects and parses the results of <paramref name="task"/> as <paramref name="options"/> say.</summary>
    public static TaskResults Select(ExportTask task, ExportOptions options)
    {
        var results = new TaskResults();
        if (options.Consensus?.Invoke(task) is { } consensus)
        {
            results.Add(null, consensus);
        }
        else if (options.Consensus is null || !options.ConsensusOnly)
        {
            foreach (var annotation in task.Annotations)
            {
                results.Add(annotation, annotation.ResultJson);
            }
        }

        return results;
    }

    public void Dispose()
    {
        foreach (var document in _documents)
        {
            document.Dispose();
        }
    }

    private void Add(ExportAnnotation? annotation, string json)
    {
        var document = JsonDocument.Parse(json);
        _documents.Add(document);
        if (document.RootElement.ValueKind == JsonValueKind.Array)
        {
            Items.Add((annotation, document.RootElement));
        }
    }
}
