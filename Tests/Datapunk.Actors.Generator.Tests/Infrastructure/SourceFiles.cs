namespace Datapunk.Actors.Generator.Tests.Infrastructure;

/// <summary>Reads the generator input snippets embedded from the Sources folder.</summary>
internal static class SourceFiles
{
    public static string Read(string fileName)
    {
        using var stream = typeof(SourceFiles).Assembly.GetManifestResourceStream($"Sources/{fileName}")
            ?? throw new InvalidOperationException($"No embedded source snippet named '{fileName}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
