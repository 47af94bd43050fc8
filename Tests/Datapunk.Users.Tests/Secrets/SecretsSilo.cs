using Datapunk.Users.Secrets;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Users.Tests.Secrets;

/// <summary>The secret store as a silo builds it (<c>AddUsers</c>), with its key ring in <paramref name="keysPath"/>.</summary>
internal sealed class SecretsSilo(string keysPath) : IAsyncDisposable
{
    private readonly ServiceProvider _services = Build(keysPath);

    public SecretStore Store => _services.GetRequiredService<SecretStore>();

    public IKeyManager Keys => _services.GetRequiredService<IKeyManager>();

    public static async Task<SecretsSilo> StartAsync(string keysPath)
    {
        await UsersDatabase.MigratedAsync();
        return new SecretsSilo(keysPath);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static ServiceProvider Build(string keysPath)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [SecretsAtRest.KeysPathSetting] = keysPath })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(UsersDatabase.MigratedAsync().GetAwaiter().GetResult());
        services.AddUsers(configuration);
        return services.BuildServiceProvider();
    }
}
