using System.Buffers.Binary;

namespace Groundwork.Formats.Media;

/// <summary>
/// Reads how many entries a zip archive says it has from its end-of-central-directory record (and the Zip64 record
/// when the count overflows 16 bits), without reading the directory itself: a hostile archive that claims millions
/// of entries is refused before anything allocates one object per entry.
/// </summary>
internal static class ZipDirectory
{
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const int EndRecordSize = 22;

    /// <summary>The declared entry count, or null when the file does not end like a zip archive.</summary>
    public static long? CountEntries(Stream archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var length = archive.Length;
        if (length < EndRecordSize)
        {
            return null;
        }

        // The record sits at the end, after a comment of at most 65,535 bytes.
        var tailLength = (int)Math.Min(length, EndRecordSize + ushort.MaxValue + 20);
        var tail = new byte[tailLength];
        archive.Position = length - tailLength;
        archive.ReadExactly(tail);
        for (var at = tailLength - EndRecordSize; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) != EndSignature)
            {
                continue;
            }

            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 20));
            if (at + EndRecordSize + commentLength != tailLength)
            {
                continue; // the signature's bytes inside a comment or file data, not the record
            }

            long count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
            if (count != ushort.MaxValue || at < 20 || BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at - 20)) != Zip64LocatorSignature)
            {
                return count;
            }

            var zip64End = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(at - 20 + 8));
            if (zip64End < 0 || zip64End > length - 56)
            {
                return null;
            }

            var record = new byte[56];
            archive.Position = zip64End;
            archive.ReadExactly(record);
            return BinaryPrimitives.ReadUInt32LittleEndian(record) == Zip64EndSignature
                ? BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(32))
                : null;
        }

        return null;
    }
}
