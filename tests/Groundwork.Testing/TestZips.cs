using System.Buffers.Binary;
using System.IO.Compression;

namespace Groundwork.Testing;

/// <summary>Zip archives built in the test, including hostile ones (names, links, sizes that lie).</summary>
public static class TestZips
{
    public static MemoryStream Build(params (string Name, byte[] Bytes)[] entries) => Build(entries, _ => { });

    public static MemoryStream Build((string Name, byte[] Bytes)[] entries, Action<ZipArchiveEntry> adjust)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                adjust(entry);
                using var target = entry.Open();
                target.Write(bytes);
            }
        }

        stream.Position = 0;
        return stream;
    }

    /// <summary>Rewrites the uncompressed size every header declares, as a zip bomb that lies about its size would.</summary>
    public static MemoryStream WithDeclaredSize(MemoryStream zip, uint declared)
    {
        var bytes = zip.ToArray();
        for (var at = 0; at + 30 <= bytes.Length; at++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
            if (signature == 0x04034b50)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 22), declared);
            }
            else if (signature == 0x02014b50 && at + 46 <= bytes.Length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 24), declared);
            }
        }

        return new MemoryStream(bytes);
    }

    /// <summary>Rewrites the entry count of the end-of-central-directory record.</summary>
    public static MemoryStream WithDeclaredCount(MemoryStream zip, ushort count)
    {
        var bytes = zip.ToArray();
        var at = bytes.Length - 22;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at + 8), count);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at + 10), count);
        return new MemoryStream(bytes);
    }

    /// <summary>A small valid PNG: 1x1 pixel whose colour comes from <paramref name="seed"/>, so each seed has its own bytes.</summary>
    public static byte[] Png(int seed)
    {
        var raw = new byte[] { 0, (byte)seed, (byte)(seed >> 8), (byte)(seed >> 16) };
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, 1);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 1);
        header[8] = 8;
        header[9] = 2;
        Chunk(png, "IHDR"u8, header);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write(raw);
            }

            Chunk(png, "IDAT"u8, compressed.ToArray());
        }

        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void Chunk(Stream output, ReadOnlySpan<byte> type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typeAndData = new byte[4 + data.Length];
        type.CopyTo(typeAndData);
        data.CopyTo(typeAndData, 4);
        output.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typeAndData));
        output.Write(word);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
