using System.Reflection;

namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>Where the built silo and CLI are: found from the test assembly by walking up to the repository root.</summary>
internal static class RepositoryPaths
{
    private const string TargetFramework = "net10.0";

    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release, as this test assembly was built; the silo and CLI were built alongside it.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string SiloDll => BuiltFile(Path.Combine("Silo", "bin", Configuration, TargetFramework, "Datapunk.Silo.dll"));

    public static string CliDll => BuiltFile(Path.Combine("Client", "Datapunk.Cli", "bin", Configuration, TargetFramework, "datapunk.dll"));

    private static string BuiltFile(string relativePath)
    {
        var path = Path.Combine(Root, relativePath);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing; build the test project (it builds the silo and CLI first).", path);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Datapunk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Datapunk.sln above {AppContext.BaseDirectory}.");
    }
}
