namespace Groundwork.Core;

/// <summary>Why a state change did not happen.</summary>
public enum StoreFailure
{
    None = 0,
    NotFound = 1,
    Conflict = 2,
    Forbidden = 3,
}
