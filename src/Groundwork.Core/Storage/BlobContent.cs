namespace Groundwork.Core.Storage;

/// <summary>An open blob: its description and a stream the caller disposes.</summary>
public sealed class BlobContent(BlobInfo info, Stream stream) : IAsyncDisposable, IDisposable
{
    public BlobInfo Info { get; } = info;

    public Stream Stream { get; } = stream;

    public ValueTask DisposeAsync() => Stream.DisposeAsync();

    public void Dispose() => Stream.Dispose();
}
