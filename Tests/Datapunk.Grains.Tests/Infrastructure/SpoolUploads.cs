using Datapunk.Lake.Pipeline;
using Datapunk.Lake.Uploads;
using Npgsql;

namespace Datapunk.Grains.Tests.Infrastructure;

/// <summary>Uploads put into the test silo's spool by the upload engine, as the gateway's tus routes do.</summary>
public sealed class SpoolUploads(NpgsqlDataSource dataSource)
{
    private static readonly SpoolOptions Options = new() { Path = DatapunkSiloConfigurator.SpoolPath };

    public UploadSpool Spool { get; } = new(Options);

    private UploadsTable Table => new(dataSource);

    /// <summary>Creates an upload of <paramref name="content"/>, writing only its first <paramref name="written"/> bytes (all by default).</summary>
    public async Task<Guid> UploadAsync(string userId, byte[] content, string? fileName, int? written = null)
    {
        var upload = await new UploadStore(Table, Spool, Options, new ImportPipelineOptions(), TimeProvider.System)
            .CreateAsync(userId, content.Length, fileName, TestContext.Current.CancellationToken);
        var part = content.AsMemory(0, written ?? content.Length);
        await new UploadWriter(Table, Spool, Options).WriteAsync(
            userId, upload.UploadId, 0, new MemoryStream(part.ToArray()), part.Length, TestContext.Current.CancellationToken);
        return upload.UploadId;
    }

    public Task<Upload?> FindAsync(string userId, Guid uploadId) => Table.GetAsync(userId, uploadId, TestContext.Current.CancellationToken);
}
