using System.Text.Json;

namespace Datapunk.Cli.Output;

/// <summary>The CLI's --json output: the API's own JSON (camelCase), one object per invocation.</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync<T>(TextWriter output, T value) => output.WriteLineAsync(JsonSerializer.Serialize(value, Options));
}
