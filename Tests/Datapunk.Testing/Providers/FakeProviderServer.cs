using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Datapunk.Testing.Providers;

/// <summary>What every fake provider is built on: a quiet Kestrel app on a free loopback port, and the settings that point a provider there.</summary>
internal static class FakeProviderServer
{
    /// <summary>An app (not started) listening on a free loopback port at <paramref name="address"/>, logging nothing.</summary>
    public static WebApplication Build(out Uri address)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        address = new Uri($"http://127.0.0.1:{port}/");
        return builder.Build();
    }

    /// <summary>The settings that point a silo's (or an engine's) provider at a fake, as configuration keys under <paramref name="prefix"/>.</summary>
    public static Dictionary<string, string> Settings(string prefix, string clientId, string clientSecret, Uri authorizeEndpoint, Uri tokenEndpoint, Uri apiBase) => new()
    {
        [prefix + "ClientId"] = clientId,
        [prefix + "ClientSecret"] = clientSecret,
        [prefix + "AuthorizeEndpoint"] = authorizeEndpoint.ToString(),
        [prefix + "TokenEndpoint"] = tokenEndpoint.ToString(),
        [prefix + "ApiBase"] = apiBase.ToString(),
    };
}
