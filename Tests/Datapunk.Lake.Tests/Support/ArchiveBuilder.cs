using System.Formats.Tar;
using System.IO.Compression;

namespace Datapunk.Lake.Tests.Support;

/// <summary>Writes test archives (zip, tgz) from (path, content) pairs, including hostile names.</summary>
public static class ArchiveBuilder
{
    public static void Zip(string path, params (string Name, byte[] Content)[] entries)
    {
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var stream = archive.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            stream.Write(content);
        }
    }

    public static void TarGz(string path, params (string Name, byte[] Content)[] entries)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, content) in entries)
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        }
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);
}
