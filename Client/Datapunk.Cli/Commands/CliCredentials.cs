using System.Text.Json;

namespace Datapunk.Cli.Commands;

/// <summary>
/// The token the CLI authenticates with: <c>$DATAPUNK_TOKEN</c>, else the credentials file
/// (<c>$DATAPUNK_CREDENTIALS</c>, which <c>./datapunk</c> points at <c>.datapunk/credentials</c>; else
/// <c>~/.config/datapunk/credentials</c>, where <c>datapunk login</c> writes). The file is JSON
/// <c>{"gateway": …, "user": …, "token": …}</c>, readable by its owner only.
/// </summary>
public sealed record CliCredentials(string? Gateway, string? User, string Token)
{
    public const string TokenVariable = "DATAPUNK_TOKEN";
    public const string FileVariable = "DATAPUNK_CREDENTIALS";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string FilePath =>
        Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "datapunk", "credentials");

    /// <summary>The credentials in effect, or null when there are none (only anonymous routes will answer).</summary>
    public static CliCredentials? Find()
    {
        if (Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token)
        {
            return new CliCredentials(null, null, token);
        }

        var path = FilePath;
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<CliCredentials>(File.ReadAllText(path), Json) is { Token.Length: > 0 } credentials ? credentials : null;
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"The credentials file {path} is not valid JSON ({exception.Message}); run 'datapunk login' again.", exception);
        }
    }

    /// <summary>Writes the credentials file, readable by its owner only.</summary>
    public void Save()
    {
        var path = FilePath;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(JsonSerializer.Serialize(this, Json));
        }

        File.Move(temporary, path, overwrite: true);
    }
}
