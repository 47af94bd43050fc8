using Datapunk.Lake.Reading;
using Npgsql;

namespace Datapunk.Import.Tests.Reading;

/// <summary>Reads run in read-only transactions that see one user's rows.</summary>
public sealed class ReadTransactionTests
{
    [Fact]
    public async Task A_read_transaction_refuses_writes()
    {
        await ReadingData.ReadyAsync();
        await using var read = await ReadTransaction.BeginAsync(ImportDatabase.SiloLogin, ReadingData.A, ReadingData.Cancel);
        await using var delete = read.Command("DELETE FROM user_data.records WHERE user_id = $1");
        delete.Parameters.Add(new NpgsqlParameter { Value = ReadingData.A });

        var refused = await Should.ThrowAsync<PostgresException>(() => delete.ExecuteNonQueryAsync(ReadingData.Cancel));

        refused.SqlState.ShouldBe(PostgresErrorCodes.ReadOnlySqlTransaction);
    }

    [Fact]
    public async Task A_read_transaction_sees_none_of_another_users_rows_even_when_asked_for_them()
    {
        await ReadingData.ReadyAsync();
        await using var read = await ReadTransaction.BeginAsync(ImportDatabase.SiloLogin, ReadingData.A, ReadingData.Cancel);
        await using var count = read.Command(
            "SELECT (SELECT count(*) FROM user_data.records WHERE user_id = $1) + (SELECT count(*) FROM timeseries.location_points WHERE user_id = $1)");
        count.Parameters.Add(new NpgsqlParameter { Value = ReadingData.B });

        ((long)(await count.ExecuteScalarAsync(ReadingData.Cancel))!).ShouldBe(0);
    }
}
