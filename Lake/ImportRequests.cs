namespace Datapunk.Lake;

/// <summary>Checks an import request before anything is stored: a bad one fails the call, not a job.</summary>
public static class ImportRequests
{
    /// <summary>The most inputs (paths or uploads) one import reads.</summary>
    public const int MaxPaths = 100;

    public static void Validate(StartImport request)
    {
        if (!UserNames.IsValid(request.UserId))
        {
            throw new ArgumentException($"'{request.UserId}' is not a valid user name: {UserNames.Rule}.");
        }

        ValidatePaths(request.Inputs?.Select(input => input.Path).ToList());
        if (request.Inputs!.FirstOrDefault(input => string.IsNullOrWhiteSpace(input.Name)) is { } unnamed)
        {
            throw new ArgumentException($"The input at '{unnamed.Path}' has no name.");
        }
    }

    /// <summary>One to <see cref="MaxPaths"/> absolute paths (the silo reads them; relative ones would resolve against its working folder).</summary>
    public static void ValidatePaths(IReadOnlyList<string>? paths)
    {
        if (paths is null || paths.Count == 0 || paths.Count > MaxPaths)
        {
            throw new ArgumentException($"An import needs 1 to {MaxPaths} paths.");
        }

        foreach (var path in paths)
        {
            if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
            {
                throw new ArgumentException($"'{path}' is not an absolute path; the silo reads the paths it is given, so they must be absolute.");
            }
        }
    }
}
