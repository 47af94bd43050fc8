using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Datapunk.Users.Secrets;

/// <summary>
/// Data Protection as every silo must set it up to read the others' ciphertexts: one application
/// name, and the key ring in one folder outside the database (<c>DataProtection:KeysPath</c>, a
/// shared volume; relative paths and the default <c>.datapunk/keys</c> are under the content root).
/// Keys rotate on Data Protection's schedule (a new key every 90 days); old keys stay in the ring
/// and still decrypt.
/// </summary>
public static class SecretsAtRest
{
    public const string ApplicationName = "datapunk";
    public const string KeysPathSetting = "DataProtection:KeysPath";
    public const string DefaultKeysPath = ".datapunk/keys";

    public static IServiceCollection AddSecretsAtRest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
        {
            var folder = KeyFolder(configuration, provider.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory());
            var loggerFactory = provider.GetRequiredService<ILoggerFactory>();
            return new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = new FileSystemXmlRepository(folder, loggerFactory));
        });
        services.AddSingleton<SecretStore>();
        return services;
    }

    /// <summary>The key folder, created readable by this account only: whoever reads it can decrypt every secret.</summary>
    public static DirectoryInfo KeyFolder(IConfiguration configuration, string contentRoot)
    {
        var path = Path.GetFullPath(configuration[KeysPathSetting] is { Length: > 0 } configured ? configured : DefaultKeysPath, contentRoot);
        if (!Directory.Exists(path))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return new DirectoryInfo(path);
    }
}
