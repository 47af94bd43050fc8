using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// The pool an import's chunk merges write through, and nothing else: the import writer's own login
/// when the host has one (<c>ConnectionStrings:PostgresImport</c>, a member of <c>datapunk_fix_copy</c>
/// for the direct COPY of fixes, see <see cref="RowSecurityBypass"/>), else the silos' pool. Every merge
/// runs in the user's <see cref="UserDataScope"/> and writes the user id itself; no read served to a
/// caller ever goes through this pool.
/// </summary>
public sealed class ImportWriterDataSource : IAsyncDisposable
{
    private readonly bool _ownsDataSource;

    private ImportWriterDataSource(NpgsqlDataSource dataSource, bool ownsDataSource)
    {
        DataSource = dataSource;
        _ownsDataSource = ownsDataSource;
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Merges share the silos' pool (and login).</summary>
    public static ImportWriterDataSource SharedWith(NpgsqlDataSource silos) => new(silos, ownsDataSource: false);

    /// <summary>Merges log in as the import writer through a pool of their own, disposed with this.</summary>
    public static ImportWriterDataSource OfItsOwn(NpgsqlDataSource writer) => new(writer, ownsDataSource: true);

    public ValueTask DisposeAsync() => _ownsDataSource ? DataSource.DisposeAsync() : ValueTask.CompletedTask;
}
