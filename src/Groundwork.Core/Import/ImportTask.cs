namespace Groundwork.Core.Import;

/// <summary>
/// One task read from an import, before it is stored. JSON fields are raw, already checked text:
/// <see cref="DataJson"/> and <see cref="MetadataJson"/> are objects, <see cref="AnnotationsJson"/> and
/// <see cref="PredictionsJson"/> arrays of Label Studio annotation / prediction objects.
/// <see cref="Line"/> is where the task started in the input (1-based), for error messages.
/// <see cref="CallbackUrl"/>, when set, is an absolute http(s) URL the task's result is POSTed to on completion.
/// </summary>
public sealed record ImportTask(
    string DataJson,
    string? UniqueId = null,
    string? MetadataJson = null,
    int Priority = 0,
    string? Batch = null,
    string? AnnotationsJson = null,
    string? PredictionsJson = null,
    long Line = 0,
    string? CallbackUrl = null);
