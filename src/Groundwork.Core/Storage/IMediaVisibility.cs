namespace Groundwork.Core.Storage;

/// <summary>Which imported media an annotator may fetch: only those of tasks the queue leased to them.</summary>
public interface IMediaVisibility
{
    /// <summary>
    /// Whether the project has a task with this unique_id (a media task's <c>sha256:...</c>, see <see cref="MediaKeys"/>)
    /// that was leased to the user. One indexed lookup: the (project, unique_id) index, then the (task, user) lease index.
    /// </summary>
    Task<bool> WasLeasedToAsync(long projectId, string uniqueId, long userId, CancellationToken cancellationToken);
}
