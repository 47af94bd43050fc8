namespace Datapunk.Testing;

/// <summary>Runs the repository's <c>./datapunk</c> script to completion, as a person at a terminal would.</summary>
public static class ScriptProcess
{
    /// <summary>
    /// Runs <c>./datapunk <paramref name="arguments"/></c> from the repository root with <paramref name="environment"/>
    /// added; kills it and fails when it has not exited within <paramref name="limit"/>.
    /// </summary>
    public static Task<CliResult> RunAsync(
        IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan limit, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryPaths.Root };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "datapunk"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return ProcessRun.RunAsync(start, $"./datapunk {string.Join(' ', arguments)}", limit, cancellationToken);
    }
}
