namespace Groundwork.Security;

/// <summary>The outcome of checking a password against its hash.</summary>
public enum PasswordCheck
{
    Failed = 0,
    Success = 1,

    /// <summary>Correct, but hashed with older parameters: store a fresh hash.</summary>
    SuccessRehashNeeded = 2,
}
