using System.Buffers.Binary;

namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>Damages zip files the ways downloads and disks do, for bad-input tests.</summary>
internal static class ZipSurgery
{
    /// <summary>Cuts the file to <paramref name="fraction"/> of its length (an interrupted download).</summary>
    public static void Truncate(string path, double fraction)
    {
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * fraction)]);
    }

    /// <summary>
    /// Makes the compressed data of the last entry undecodable (its first deflate block gets the
    /// reserved block type) while the directory stays intact, so the other entries still read.
    /// </summary>
    public static void CorruptLastEntry(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var endOfDirectory = bytes.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
        var directoryOffset = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(endOfDirectory + 16));
        var localHeader = bytes.AsSpan(0, directoryOffset).LastIndexOf("PK\u0003\u0004"u8);
        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(localHeader + 26));
        var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(localHeader + 28));
        var data = localHeader + 30 + nameLength + extraLength;
        bytes[data] = 0xFF;
        File.WriteAllBytes(path, bytes);
    }
}
