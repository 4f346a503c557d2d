namespace Groundwork.Demo;

/// <summary>What seeding did to one demo project.</summary>
public sealed record DemoSeedResult(long ProjectId, string Name, long Created, long Skipped);
