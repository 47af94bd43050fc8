using Datapunk.Users.Accounts;
using Datapunk.Users.Audit;
using Datapunk.Users.Secrets;
using Datapunk.Users.Privacy;
using Datapunk.Users.Sessions;
using Datapunk.Users.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Datapunk.Users;

/// <summary>The Users part's services: accounts and tokens, audit, secrets, export and erasure.</summary>
public static class UsersServiceCollectionExtensions
{
    /// <summary>Needs an <c>NpgsqlDataSource</c> registered by the host.</summary>
    /// <summary>
    /// Needs an <c>NpgsqlDataSource</c> from the host. Erasure needs an <see cref="IErasureTombstone"/>
    /// (the audit log's) registered by the host; a Redis connection is added from <c>Redis:Url</c>
    /// unless the host registered one.
    /// </summary>
    public static IServiceCollection AddUsers(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new PasswordSignInOptions(
            configuration.GetValue("Auth:Lockout:MaxFailedSignIns", 5),
            configuration.GetValue("Auth:Lockout:Duration", TimeSpan.FromMinutes(15))));
        services.AddSingleton<AccountTable>();
        services.AddSingleton<ProfileTable>();
        services.AddSingleton<PasswordSignIn>();
        services.AddSingleton<AccessTokenTable>();
        services.AddSingleton<IngestTokenTable>();
        services.AddSingleton<SessionTable>();
        services.AddSingleton<SignInLinkTable>();
        services.AddSingleton<PostgresAuditLog>();
        services.AddSingleton<IAuditLog, GroupCommitAuditLog>();
        services.AddSingleton<IErasureTombstone, AuditErasureTombstone>();
        services.AddSecretsAtRest(configuration);
        services.AddSingleton(provider => new UserSpool(
            Path.Combine(provider.GetRequiredService<IHostEnvironment>().ContentRootPath, configuration[UserSpool.Section] ?? UserSpool.DefaultPath)));
        services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectRedis(configuration["Redis:Url"] ?? "127.0.0.1:6379"));
        services.AddSingleton<UserExports>();
        // The tombstone is the audit log's (bound above); a host that replaces the registrations must keep one.
        services.AddSingleton(provider => new AccountEraser(
            provider.GetRequiredService<Npgsql.NpgsqlDataSource>(), provider.GetRequiredService<UserSpool>(),
            provider.GetRequiredService<IConnectionMultiplexer>(),
            provider.GetService<IErasureTombstone>() ?? throw new InvalidOperationException(
                "Erasure needs an IErasureTombstone (the audit log's record that the account was erased): the host registers one."),
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<AccountEraser>>()));
        services.AddHostedService<ExportSweeper>();
        return services;
    }

    /// <summary>A connection that keeps retrying in the background when Redis is down at start, instead of failing the silo.</summary>
    private static ConnectionMultiplexer ConnectRedis(string url)
    {
        var options = ConfigurationOptions.Parse(url);
        options.AbortOnConnectFail = false;
        return ConnectionMultiplexer.Connect(options);
    }
}
