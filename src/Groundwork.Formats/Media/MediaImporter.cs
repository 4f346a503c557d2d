using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Groundwork.Core.Import;
using Groundwork.Core.Storage;
using Groundwork.Formats.Import;

namespace Groundwork.Formats.Media;

/// <summary>
/// Turns the files of a media source into blobs and tasks. Each file is streamed once through SHA-256 into one
/// reused scratch file (so memory holds one copy buffer, whatever the sizes), then put into the blob store under its
/// content key (<see cref="MediaKeys"/>) unless a blob of that key and size is there already. Each file becomes one
/// task: <c>{"&lt;variable&gt;": "/api/v1/projects/{id}/media/{sha256}.ext"}</c> with the variable of the config's tag
/// for its kind, unique_id <c>sha256:{sha256}</c> and <c>meta.file</c> = its path in the source. Files of a type
/// Groundwork does not take are skipped and reported; a file of a kind the config cannot show refuses the import.
/// All kinds are checked before the first byte is stored. A failure after some blobs were stored leaves them in the
/// store, unreferenced (content-addressed, so a retry reuses them); no task is made unless the caller stores the spool.
/// </summary>
public sealed class MediaImporter(IBlobStore blobs, MediaImportLimits limits, string scratchFolder)
{
    /// <summary>How many skipped files a summary names.</summary>
    public const int MaxListedSkips = 20;

    private static readonly JsonWriterOptions s_json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Stores every file of <paramref name="source"/> and hands each file's task to <paramref name="add"/> with the file's path.</summary>
    public async Task<MediaImportSummary> ImportAsync(
        long projectId, IMediaSource source, MediaTargets targets, ImportDefaults defaults, Action<ImportTask, string> add, IProgress<long>? filesDone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(add);
        var skipped = new List<string>(source.Passed.Take(MaxListedSkips));
        long skippedCount = source.Passed.Count;
        var planned = new List<(MediaEntry Entry, MediaType Type, string Variable)>(source.Entries.Count);
        foreach (var entry in source.Entries)
        {
            var type = MediaTypes.Of(entry.Path);
            if (type is null)
            {
                if (skipped.Count < MaxListedSkips)
                {
                    skipped.Add(entry.Path);
                }

                skippedCount++;
                continue;
            }

            var variable = targets.VariableFor(type.Kind, out var reason)
                ?? throw new MediaImportException($"\"{entry.Path}\" is {Article(type.Kind)} {type.Kind.ToString().ToLowerInvariant()} file, but {reason}; nothing was imported.", entry.Path);
            planned.Add((entry, type, variable));
        }

        Directory.CreateDirectory(scratchFolder);
        // Reading and hashing go file by file (a zip can only be read that way); the stores' puts (an fsync on disk, a
        // round trip to S3) overlap with reading the next files, up to PutsInFlight, each with its own scratch file.
        var scratches = new FileStream[PutsInFlight];
        var inFlight = new Queue<(Task<bool> Put, ImportTask Task, string Path)>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var crc = new System.IO.Hashing.Crc32();
        var buffer = new byte[1 << 16];
        long total = 0, stored = 0, reused = 0, done = 0, index = 0;

        async Task CompleteOldestAsync()
        {
            var (put, task, path) = inFlight.Peek();
            var wasStored = await put;
            inFlight.Dequeue();
            if (wasStored)
            {
                stored++;
            }
            else
            {
                reused++;
            }

            add(task, path);
            filesDone?.Report(++done);
        }

        try
        {
            for (var i = 0; i < scratches.Length; i++)
            {
                scratches[i] = new FileStream(
                    Path.Combine(scratchFolder, "media-" + Guid.NewGuid().ToString("N") + ".part"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
                    1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            }

            foreach (var (entry, type, variable) in planned)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (inFlight.Count == scratches.Length)
                {
                    await CompleteOldestAsync();
                }

                var scratch = scratches[index++ % scratches.Length];
                scratch.SetLength(0);
                crc.Reset();
                long length = 0;
                await using (var input = source.Open(entry))
                {
                    while (true)
                    {
                        int read;
                        try
                        {
                            read = await input.ReadAsync(buffer, cancellationToken);
                        }
                        catch (InvalidDataException e)
                        {
                            throw new MediaImportException($"\"{entry.Path}\" cannot be read: {e.Message}; nothing was imported.", entry.Path, e);
                        }

                        if (read == 0)
                        {
                            break;
                        }

                        length += read;
                        total += read;
                        // Declared sizes can lie: what really comes out is held to the same limits.
                        if (length > entry.Length || length > limits.MaxFileBytes || total > limits.MaxTotalBytes)
                        {
                            throw new MediaImportException(
                                string.Create(CultureInfo.InvariantCulture, $"\"{entry.Path}\" inflates past the {entry.Length} bytes it declares (or past the import's limits); nothing was imported."),
                                entry.Path);
                        }

                        hash.AppendData(buffer, 0, read);
                        if (entry.Crc32 is not null)
                        {
                            crc.Append(buffer.AsSpan(0, read));
                        }

                        await scratch.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    }
                }

                // A zip entry must give exactly the bytes its archive recorded: a short or altered entry is refused, not stored cut.
                if (entry.Crc32 is { } expected && (length != entry.Length || crc.GetCurrentHashAsUInt32() != expected))
                {
                    throw new MediaImportException(
                        string.Create(CultureInfo.InvariantCulture, $"\"{entry.Path}\" inflates to {length} bytes that do not match the size ({entry.Length}) and checksum its archive records; nothing was imported."),
                        entry.Path);
                }

                var hex = Convert.ToHexStringLower(hash.GetHashAndReset());
                var name = MediaKeys.Name(hex, MediaTypes.ExtensionOf(entry.Path));
                await scratch.FlushAsync(cancellationToken);
                scratch.Position = 0;
                inFlight.Enqueue((StoreAsync(MediaKeys.BlobKey(projectId, name), scratch, length, type.ContentType, cancellationToken), MediaTask(projectId, name, hex, variable, entry.Path, length, defaults), entry.Path));
            }

            while (inFlight.Count > 0)
            {
                await CompleteOldestAsync();
            }
        }
        finally
        {
            // On failure, let the puts still running finish before their scratch files close; their errors add nothing.
            while (inFlight.TryDequeue(out var pending))
            {
                try
                {
                    await pending.Put;
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException or UnauthorizedAccessException or System.Net.Http.HttpRequestException)
                {
                }
            }

            foreach (var scratch in scratches)
            {
                if (scratch is not null)
                {
                    await scratch.DisposeAsync();
                }
            }
        }

        return new MediaImportSummary(planned.Count, stored, reused, total, skippedCount, skipped);
    }

    /// <summary>How many blob puts may overlap with reading the next files.</summary>
    public const int PutsInFlight = 4;

    /// <summary>Puts a blob unless one of the same key and size is stored already (same content: the key is its hash); true when it put.</summary>
    private async Task<bool> StoreAsync(string key, FileStream scratch, long length, string contentType, CancellationToken cancellationToken)
    {
        if (await blobs.GetInfoAsync(key, cancellationToken) is { } existing && existing.Length == length)
        {
            return false;
        }

        await blobs.PutAsync(key, scratch, contentType, cancellationToken);
        return true;
    }

    private static ImportTask MediaTask(long projectId, string name, string hex, string variable, string path, long length, ImportDefaults defaults)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer, s_json))
        {
            writer.WriteStartObject();
            writer.WriteString(variable, MediaKeys.Url(projectId, name));
            writer.WriteEndObject();
        }

        var dataJson = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        buffer.SetLength(0);
        using (var writer = new Utf8JsonWriter(buffer, s_json))
        {
            writer.WriteStartObject();
            writer.WriteString("file", path);
            writer.WriteNumber("bytes", length);
            writer.WriteEndObject();
        }

        var metaJson = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return new ImportTask(dataJson, MediaKeys.UniqueId(hex), metaJson, defaults.Priority, defaults.Batch);
    }

    private static string Article(MediaKind kind) => kind == MediaKind.Video ? "a" : "an";
}
