using System.Net;
using Datapunk.Silo.Storage;
using Npgsql;

namespace Datapunk.Silo.Hosting;

/// <summary>
/// The silo's settings, from appsettings.json and environment variables
/// (<c>ConnectionStrings__Postgres</c>, <c>ConnectionStrings__PostgresOwner</c>, <c>ConnectionStrings__PostgresImport</c>, <c>ConnectionStrings__PostgresWorkbench</c>, <c>Cluster__Id</c>, <c>Silo__Port</c>, <c>Silo__GatewayPort</c>, <c>Gateway__Port</c>,
/// <c>Gateway__GrpcPort</c>, …).
/// Every listener defaults to loopback; a container deployment sets the listen addresses to 0.0.0.0.
/// </summary>
/// <param name="PostgresConnectionString">
/// The silos' login (<c>ConnectionStrings:Postgres</c>): a role that owns nothing and cannot bypass row-level
/// security, a member of <c>datapunk_app</c> (docs/security.md, "Isolation in the database").
/// </param>
/// <param name="PostgresOwnerConnectionString">
/// The owner, used only to apply migrations (<c>ConnectionStrings:PostgresOwner</c>); none when the
/// migrations are applied elsewhere (<c>--migrate-only</c>) or the login role is the owner itself.
/// </param>
/// <param name="PostgresImportConnectionString">
/// The import writer's login (<c>ConnectionStrings:PostgresImport</c>), used only by an import's chunk merges;
/// none: they share the silos' login.
/// </param>
/// <param name="PostgresWorkbenchConnectionString">
/// The SQL workbench's login (<c>ConnectionStrings:PostgresWorkbench</c>, role <c>datapunk_workbench</c>), the only one users' SQL
/// runs as; none: the workbench refuses every query.
/// </param>
/// <param name="ClusterId">Silos with the same cluster id form one cluster (Orleans' <c>ClusterId</c>).</param>
/// <param name="ServiceId">Grain state and reminders are keyed by it: it must outlive deployments and clusters.</param>
/// <param name="SiloPort">Silo-to-silo traffic.</param>
/// <param name="OrleansGatewayPort">Orleans clients (the .NET cluster client); 0 turns the client gateway off.</param>
/// <param name="GatewayPort">The HTTP gateway: REST API, dashboard, health and metrics.</param>
/// <param name="GrpcPort">The gRPC gateway: cleartext HTTP/2 only (<c>Gateway:GrpcPort</c>, default the HTTP gateway's port + 100).</param>
public sealed record SiloSettings(
    string PostgresConnectionString, string? PostgresOwnerConnectionString, string? PostgresImportConnectionString, string? PostgresWorkbenchConnectionString, string RedisUrl, string ClusterId, string ServiceId,
    int SiloPort, int OrleansGatewayPort, IPAddress SiloListenAddress, IPAddress AdvertisedAddress,
    int GatewayPort, string GatewayListenAddress, int GrpcPort)
{
    public static SiloSettings From(IConfiguration configuration) => new(
        configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("Set ConnectionStrings:Postgres (environment variable ConnectionStrings__Postgres)."),
        NullIfEmpty(configuration.GetConnectionString("PostgresOwner")),
        NullIfEmpty(configuration.GetConnectionString("PostgresImport")),
        NullIfEmpty(configuration.GetConnectionString("PostgresWorkbench")),
        configuration["Redis:Url"] ?? "127.0.0.1:6379",
        configuration["Cluster:Id"] ?? "datapunk-local",
        configuration["Cluster:ServiceId"] ?? "datapunk",
        configuration.GetValue("Silo:Port", 11111),
        configuration.GetValue("Silo:GatewayPort", 30000),
        ParseAddress(configuration["Silo:ListenAddress"] ?? "127.0.0.1", "Silo:ListenAddress"),
        ResolveAdvertised(configuration["Silo:AdvertisedHost"] ?? "127.0.0.1"),
        configuration.GetValue("Gateway:Port", 8080),
        configuration["Gateway:ListenAddress"] ?? "127.0.0.1",
        configuration.GetValue("Gateway:GrpcPort", configuration.GetValue("Gateway:Port", 8080) + 100));

    /// <summary>
    /// The connection string of Orleans' ADO.NET providers: the application database with schema
    /// <c>orleans</c> first on the search path (the providers look their queries up unqualified).
    /// </summary>
    public string OrleansConnectionString
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString) { SearchPath = "orleans", ApplicationName = "datapunk-orleans" };
            PostgresPoolDefaults.Apply(builder, PostgresConnectionString);
            return builder.ConnectionString;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static IPAddress ParseAddress(string value, string setting) =>
        IPAddress.TryParse(value, out var address)
            ? address
            : throw new InvalidOperationException($"{setting} must be an IP address (0.0.0.0 to listen on every interface), got '{value}'.");

    // A pod advertises its IP; a host name (as in a StatefulSet) is resolved once at start.
    private static IPAddress ResolveAdvertised(string host) =>
        IPAddress.TryParse(host, out var address)
            ? address
            : Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
              ?? throw new InvalidOperationException($"Silo:AdvertisedHost '{host}' has no IPv4 address.");
}
