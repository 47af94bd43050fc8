namespace Datapunk.Lake.ServerFolders;

/// <summary>
/// Decides whether an import may read a path on the silo's machine: only inside a folder the
/// operator allowed, judged on the real path, after <c>..</c> and every symbolic link along it
/// are resolved, so neither can lead outside. The import then reads the resolved path.
/// </summary>
public sealed class AllowedImportRoots
{
    private readonly IReadOnlyList<string> _roots;
    private readonly string? _spool;

    /// <param name="spool">The upload spool, never readable as a server-side folder even inside a root (it holds every user's uploads).</param>
    public AllowedImportRoots(ImportRootsOptions options, string? spool = null)
    {
        _spool = spool is null ? null : Path.TrimEndingDirectorySeparator(RealPath(Path.GetFullPath(spool)));
        _roots = [.. options.AllowedRoots.Select(root => Path.IsPathFullyQualified(root)
            ? Path.TrimEndingDirectorySeparator(RealPath(root))
            : throw new ArgumentException($"Imports:AllowedRoots holds '{root}', which is not an absolute path."))];
    }

    public bool Any => _roots.Count > 0;

    /// <summary>The real paths of <paramref name="paths"/>, each checked to lie inside an allowed root.</summary>
    /// <exception cref="ImportInputRefusedException">No roots are configured, or a path is relative, missing or outside them.</exception>
    public IReadOnlyList<string> Resolve(IReadOnlyList<string>? paths)
    {
        if (!Any)
        {
            throw new ImportInputRefusedException(
                "This server imports uploads only: no server-side import folders are configured (Imports:AllowedRoots). Upload the files instead.");
        }

        try
        {
            ImportRequests.ValidatePaths(paths);
        }
        catch (ArgumentException exception)
        {
            throw new ImportInputRefusedException(exception.Message, exception);
        }

        return [.. paths!.Select(ResolveOne)];
    }

    private string ResolveOne(string path)
    {
        var real = RealPath(path);
        if (!File.Exists(real) && !Directory.Exists(real))
        {
            throw new ImportInputRefusedException($"'{path}' does not exist.");
        }

        if (_spool is not null && (IsInside(real, _spool) || IsInside(_spool, real)))
        {
            throw new ImportInputRefusedException($"'{path}' is or holds the upload spool, which is never read as a server-side folder.");
        }

        return _roots.Any(root => IsInside(real, root))
            ? real
            : throw new ImportInputRefusedException(
                $"'{path}' is outside the server-side import folders (it resolves to '{real}'); allowed: {string.Join(", ", _roots)}.");
    }

    private static bool IsInside(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// The path with <c>.</c>, <c>..</c> and symbolic links resolved component by component, in the
    /// order the operating system would follow them (what realpath(3) does); components that do not
    /// exist are kept as they are.
    /// </summary>
    internal static string RealPath(string path)
    {
        var pending = new Stack<string>();
        PushSegments(pending, path);
        var current = Path.GetPathRoot(path)!;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                if (++links > 40)
                {
                    throw new ImportInputRefusedException($"'{path}' goes through too many symbolic links.");
                }

                // The link's target takes its place and is resolved in turn (it may be relative, hold '..' or more links).
                var absolute = Path.IsPathRooted(target) ? target : Path.Combine(current, target);
                PushSegments(pending, absolute);
                current = Path.GetPathRoot(absolute)!;
                continue;
            }

            current = next;
        }

        return current;
    }

    private static void PushSegments(Stack<string> pending, string path)
    {
        foreach (var segment in path.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
        {
            pending.Push(segment);
        }
    }
}
