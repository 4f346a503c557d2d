namespace Groundwork.Core.Storage;

/// <summary>What a store knows about one blob.</summary>
public sealed record BlobInfo(string Key, long Length, string? ContentType, DateTimeOffset LastModified);
