namespace Groundwork.Core;

/// <summary>Whether the store answers.</summary>
public interface IStoreHealth
{
    Task<bool> PingAsync(CancellationToken cancellationToken);
}
