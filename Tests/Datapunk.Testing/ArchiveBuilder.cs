using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Datapunk.Testing;

/// <summary>Writes test exports (zip, tgz or an extracted folder) from (path, content) pairs, hostile names included.</summary>
public static class ArchiveBuilder
{
    /// <summary>A zip written fast; returns <paramref name="path"/>.</summary>
    public static string Zip(string path, params (string Name, byte[] Content)[] entries) => Zip(path, CompressionLevel.Fastest, entries);

    /// <summary>A zip at a chosen compression level (a zip bomb needs the smallest size to reach its ratio); returns <paramref name="path"/>.</summary>
    public static string Zip(string path, CompressionLevel level, params (string Name, byte[] Content)[] entries)
    {
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var stream = archive.CreateEntry(name, level).Open();
            stream.Write(content);
        }

        return path;
    }

    /// <summary>A gzipped tar (PAX); returns <paramref name="path"/>.</summary>
    public static string TarGz(string path, params (string Name, byte[] Content)[] entries)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, content) in entries)
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        }

        return path;
    }

    /// <summary>The entries as files below <paramref name="path"/>, as an extracted export; returns <paramref name="path"/>.</summary>
    public static string Folder(string path, params (string Name, byte[] Content)[] entries)
    {
        foreach (var (name, content) in entries)
        {
            var file = Path.Combine(path, name);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, content);
        }

        return path;
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);
}
