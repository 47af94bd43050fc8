using Datapunk.Users.Audit;
using Datapunk.Users.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Users;

/// <summary>The Users part's services: accounts and tokens, audit, secrets, export and erasure.</summary>
public static class UsersServiceCollectionExtensions
{
    /// <summary>Needs an <c>NpgsqlDataSource</c> registered by the host.</summary>
    public static IServiceCollection AddUsers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<PostgresAuditLog>();
        services.AddSingleton<IAuditLog, GroupCommitAuditLog>();
        services.AddSecretsAtRest(configuration);
        return services;
    }
}
