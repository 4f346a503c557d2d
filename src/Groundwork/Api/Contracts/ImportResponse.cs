using System.Text.Json.Serialization;

namespace Groundwork.Api.Contracts;

/// <summary>
/// What an import did: <see cref="Created"/> new tasks, <see cref="Skipped"/> whose unique_id existed already, and for
/// an import of media files what became of them (<see cref="Media"/>, absent otherwise).
/// </summary>
public sealed record ImportResponse(long Created, long Skipped, long Annotations, long Predictions, double DurationSeconds)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MediaImportResponse? Media { get; init; }
}
