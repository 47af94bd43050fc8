using System.Reflection;

namespace Datapunk.Testing;

/// <summary>
/// Where the built silos and CLI are: found from the test assembly by walking up to the folder that
/// holds Datapunk.sln, in the configuration the tests were built in (the test projects build them first).
/// </summary>
public static class RepositoryPaths
{
    private const string TargetFramework = "net10.0";

    private static readonly Lazy<string> FoundRoot = new(FindRoot);

    /// <summary>The folder holding Datapunk.sln.</summary>
    public static string Root => FoundRoot.Value;

    /// <summary>Debug or Release, as the tests were built; the silos and CLI were built alongside them.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The real silo, gateway included.</summary>
    public static string SiloDll => BuiltFile(["Silo"], "Datapunk.Silo.dll");

    /// <summary>The bare actor runtime hosting the test grains.</summary>
    public static string TestSiloDll => BuiltFile(["Tests", "Datapunk.TestSilo"], "Datapunk.TestSilo.dll");

    public static string CliDll => BuiltFile(["Client", "Datapunk.Cli"], "datapunk.dll");

    private static string BuiltFile(string[] project, string file)
    {
        var path = Path.Combine([Root, .. project, "bin", Configuration, TargetFramework, file]);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing; build the test project in the same configuration (it builds the silos and the CLI first).", path);
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
