using System.Globalization;
using Groundwork.Core.Events;
using Groundwork.Core.Import;

namespace Groundwork.Data.Stores;

/// <summary>The one audit event an import leaves, whatever its size: who imported how much into which project.</summary>
internal static class ImportAudit
{
    public static ChangeEvent Change(long projectId, ImportResult result) => new(
        AuditActions.TasksImported,
        projectId,
        "project",
        projectId.ToString(CultureInfo.InvariantCulture),
        EventPayloads.Details(("created", result.Created), ("skipped", result.Skipped), ("annotations", result.Annotations), ("predictions", result.Predictions)));
}
