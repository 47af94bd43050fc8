using Datapunk.Lake.Pipeline;
using Datapunk.Lake.Uploads;
using Datapunk.Users.Secrets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Datapunk.Streams.Tests.Infrastructure;

/// <summary>
/// The Stream engine as the silo registers it (<c>AddStream</c>), against the test database (as the
/// silos' login), the test Redis and a fake provider (<see cref="FakeSpotify"/>, <see cref="FakeGoogleCalendar"/>, <see cref="FakeGmail"/>); Data Protection keys are ephemeral.
/// </summary>
internal sealed class StreamEngine : IAsyncDisposable
{
    private static readonly EphemeralDataProtectionProvider SharedKeys = new();

    private readonly ServiceProvider _services;

    private StreamEngine(ServiceProvider services) => _services = services;

    public static Task<StreamEngine> StartAsync(FakeSpotify spotify, IReadOnlyDictionary<string, string>? settings = null) =>
        StartAsync(spotify.Settings(), settings);

    /// <summary>An engine configured by <paramref name="provider"/>'s settings (a fake's), with <paramref name="settings"/> over them.</summary>
    public static async Task<StreamEngine> StartAsync(Dictionary<string, string> provider, IReadOnlyDictionary<string, string>? settings = null)
    {
        var values = new Dictionary<string, string>(provider);
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values!).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(await StreamDatabase.SiloLoginAsync());
        services.AddSingleton<IConnectionMultiplexer>(await Redis.Value);
        // One key ring for every engine of the run, as every silo shares DataProtection:KeysPath.
        services.AddSingleton<IDataProtectionProvider>(SharedKeys);
        services.AddSingleton<SecretStore>();
        // The Lake's upload spool, which Data Portability downloads archives into (the silo has it from AddLake).
        services.AddSingleton(new SpoolOptions { Path = Path.Combine(TestFolders.Spools, "stream-tests") });
        services.AddSingleton(new ImportPipelineOptions());
        services.AddSingleton<UploadSpool>();
        services.AddSingleton<UploadsTable>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<UploadWriter>();
        services.AddStream(configuration);
        return new StreamEngine(services.BuildServiceProvider());
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    public static Lazy<Task<ConnectionMultiplexer>> Redis { get; } =
        new(() => ConnectionMultiplexer.ConnectAsync(Environment.GetEnvironmentVariable("DATAPUNK_TEST_REDIS") ?? "127.0.0.1:6379"));
}
