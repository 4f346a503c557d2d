namespace Groundwork.Core;

/// <summary>
/// The result of a state change that can fail in an expected way: the value, or why not.
/// Expected failures are values, never exceptions.
/// </summary>
public readonly record struct StoreOutcome<T>(T? Value, StoreFailure Failure, string? Reason)
{
    public bool Succeeded => Failure == StoreFailure.None;

    public static StoreOutcome<T> Success(T value) => new(value, StoreFailure.None, null);

    public static StoreOutcome<T> NotFound(string reason) => new(default, StoreFailure.NotFound, reason);

    public static StoreOutcome<T> Conflict(string reason) => new(default, StoreFailure.Conflict, reason);

    public static StoreOutcome<T> Forbidden(string reason) => new(default, StoreFailure.Forbidden, reason);
}
