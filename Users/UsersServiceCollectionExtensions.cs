using Datapunk.Users.Accounts;
using Datapunk.Users.Audit;
using Datapunk.Users.Secrets;
using Datapunk.Users.Sessions;
using Datapunk.Users.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Datapunk.Users;

/// <summary>The Users part's services: accounts and tokens, audit, secrets, export and erasure.</summary>
public static class UsersServiceCollectionExtensions
{
    /// <summary>Needs an <c>NpgsqlDataSource</c> registered by the host.</summary>
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
        services.AddSingleton<SessionTable>();
        services.AddSingleton<SignInLinkTable>();
        services.AddSingleton<PostgresAuditLog>();
        services.AddSingleton<IAuditLog, GroupCommitAuditLog>();
        services.AddSecretsAtRest(configuration);
        return services;
    }
}
