using Groundwork.Core.Import;

namespace Groundwork.Data.Stores;

/// <summary>Writes a spool of tasks into the store in one transaction, the fastest way the provider has.</summary>
internal interface ITaskImporter
{
    Task<ImportResult> ImportAsync(long projectId, int overlap, long importedBy, TaskSpool spool, IProgress<long>? progress, CancellationToken cancellationToken);
}
