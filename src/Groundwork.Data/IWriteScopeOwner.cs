namespace Groundwork.Data;

/// <summary>What a provider does when one of its <see cref="WriteScope"/>s commits and when it ends.</summary>
internal interface IWriteScopeOwner
{
    /// <summary>Makes the scope's changes durable; returns only once they are.</summary>
    Task CommitAsync(WriteScope scope, CancellationToken cancellationToken);

    /// <summary>Ends the scope: without a commit, its changes are undone.</summary>
    ValueTask EndAsync(WriteScope scope, bool committed);
}
