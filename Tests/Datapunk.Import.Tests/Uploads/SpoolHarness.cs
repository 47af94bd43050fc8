using Datapunk.Lake.Pipeline;
using Datapunk.Lake.Uploads;
using Datapunk.Silo.Storage;

namespace Datapunk.Import.Tests.Uploads;

/// <summary>The upload engine over the test database and a spool in a temporary folder, as the gateway uses it.</summary>
internal sealed class SpoolHarness : IDisposable
{
    private static readonly Lazy<Task> Migrated = new(() => DatapunkMigrations.ApplyAsync(ImportDatabase.DataSource));

    private readonly TempFolder _folder = new();

    public SpoolHarness(Action<SpoolOptions>? configure = null)
    {
        Options = new SpoolOptions { Path = _folder.Path };
        configure?.Invoke(Options);
        Spool = new UploadSpool(Options);
        Store = new UploadStore(Table, Spool, Options, new ImportPipelineOptions(), TimeProvider.System);
        Writer = new UploadWriter(Table, Spool, Options);
        Imports = new UploadImports(Table, Spool);
    }

    public SpoolOptions Options { get; }

    public UploadsTable Table { get; } = new(ImportDatabase.SiloLogin);

    public UploadSpool Spool { get; }

    public UploadStore Store { get; }

    public UploadWriter Writer { get; }

    public UploadImports Imports { get; }

    public static string NewUser() => $"up-{Guid.NewGuid():N}"[..20];

    public static async Task ReadyAsync() => await Migrated.Value;

    public async Task<Upload> CreateAsync(string userId, long length, string? fileName = "export.zip")
    {
        await ReadyAsync();
        return await Store.CreateAsync(userId, length, fileName, TestContext.Current.CancellationToken);
    }

    public Task<long> WriteAsync(string userId, Guid uploadId, long offset, Stream body, long? declared = null) =>
        Writer.WriteAsync(userId, uploadId, offset, body, declared, TestContext.Current.CancellationToken);

    public Task<long> WriteAsync(string userId, Guid uploadId, long offset, byte[] bytes) =>
        WriteAsync(userId, uploadId, offset, new MemoryStream(bytes), bytes.Length);

    public void Dispose() => _folder.Dispose();
}
