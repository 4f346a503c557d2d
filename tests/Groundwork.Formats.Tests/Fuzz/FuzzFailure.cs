namespace Groundwork.Formats.Tests.Fuzz;

/// <summary>A fuzz input broke a rule; the message shows the input.</summary>
public sealed class FuzzFailure : Exception
{
    public FuzzFailure()
    {
    }

    public FuzzFailure(string message)
        : base(message)
    {
    }

    public FuzzFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
