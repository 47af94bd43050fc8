using System.CommandLine;
using System.CommandLine.Parsing;

namespace Datapunk.Cli.Commands;

/// <summary>The <c>--gateway</c> option every command that talks to a silo shares.</summary>
public static class GatewayOption
{
    public const string EnvironmentVariable = "DATAPUNK_GATEWAY";
    public const string DefaultGateway = "http://localhost:8080";

    public static Option<Uri> Create()
    {
        var option = new Option<Uri>("--gateway", "-g")
        {
            Description = $"URL of a silo's HTTP gateway (default: ${EnvironmentVariable} or {DefaultGateway}).",
            // After AddError the parser reports the error and never uses the value, hence the null-forgiving.
            DefaultValueFactory = result => Parse(
                Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultGateway,
                result)!,
            CustomParser = result => Parse(result.Tokens.Single().Value, result)!,
        };
        return option;
    }

    private static Uri? Parse(string text, ArgumentResult result)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError($"'{text}' is not an http:// or https:// gateway URL.");
        return null;
    }
}
