using Datapunk.Actors.Hosting;

namespace Datapunk.Silo.Hosting;

/// <summary>
/// The silo's settings, from appsettings.json and environment variables
/// (<c>ConnectionStrings__Postgres</c>, <c>Redis__Url</c>, <c>Cluster__Id</c>, <c>Silo__Port</c>, <c>Gateway__Port</c>, …).
/// Both listeners default to loopback; a container deployment sets the listen addresses to 0.0.0.0.
/// </summary>
public sealed record SiloSettings(
    string PostgresConnectionString, string RedisUrl, string ClusterId,
    int SiloPort, string SiloListenAddress, string AdvertisedHost, int GatewayPort, string GatewayListenAddress)
{
    public static SiloSettings From(IConfiguration configuration) => new(
        configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("Set ConnectionStrings:Postgres (environment variable ConnectionStrings__Postgres)."),
        configuration["Redis:Url"] ?? "127.0.0.1:6379",
        configuration["Cluster:Id"] ?? "datapunk-local",
        configuration.GetValue("Silo:Port", 11111),
        configuration["Silo:ListenAddress"] ?? "127.0.0.1",
        configuration["Silo:AdvertisedHost"] ?? "127.0.0.1",
        configuration.GetValue("Gateway:Port", 8080),
        configuration["Gateway:ListenAddress"] ?? "127.0.0.1");

    /// <summary>Runtime options, with any <c>Actors:*</c> overrides (lease and heartbeat timings) applied.</summary>
    public ActorRuntimeOptions ToActorOptions(IConfiguration configuration)
    {
        var options = new ActorRuntimeOptions();
        configuration.GetSection("Actors").Bind(options);
        options.ClusterId = ClusterId;
        options.ConnectionString = PostgresConnectionString;
        options.SiloPort = SiloPort;
        options.ListenAddress = SiloListenAddress;
        options.AdvertisedHost = AdvertisedHost;
        options.GatewayUrl = $"http://{AdvertisedHost}:{GatewayPort}";
        return options;
    }
}
