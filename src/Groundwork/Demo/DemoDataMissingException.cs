namespace Groundwork.Demo;

/// <summary>The demo was asked for, but the build has no sample data (or it is unreadable).</summary>
public sealed class DemoDataMissingException(string message) : Exception(message);
