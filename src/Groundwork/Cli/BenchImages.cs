using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Groundwork.Cli;

/// <summary>
/// Valid PNG files for the media benchmark, written by hand: 8-bit RGB, one IDAT chunk, pixels of seeded noise so
/// every file has its own bytes (and its own content hash) and deflate cannot shrink them much.
/// </summary>
internal static class BenchImages
{
    private static readonly byte[] s_signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Writes a <paramref name="size"/> x <paramref name="size"/> PNG to <paramref name="path"/>; returns its length.</summary>
    public static long Write(string path, int size, int seed)
    {
        var random = new Random(seed);
        var rows = new byte[(size * 3 + 1) * size];
        random.NextBytes(rows);
        for (var y = 0; y < size; y++)
        {
            rows[y * (size * 3 + 1)] = 0; // filter type: none
        }

        using var compressed = new MemoryStream(rows.Length + 1024);
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(rows);
        }

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        file.Write(s_signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        Chunk(file, "IHDR"u8, header);
        Chunk(file, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        Chunk(file, "IEND"u8, []);
        return file.Length;
    }

    private static void Chunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        output.Write(word);
    }
}
