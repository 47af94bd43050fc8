using Datapunk.Lake.Tables;
using Parquet;
using Parquet.Schema;

namespace Datapunk.Lake.Tests.Tables;

public sealed class ParquetTableRowsTests
{
    [Fact]
    public async Task Every_row_group_is_read_with_the_types_it_carries()
    {
        using var folder = new TempFolder();
        var path = folder.File("table.parquet");
        var id = new DataField<long>("id");
        var name = new DataField<string>("name");
        var score = new DataField<double?>("score");
        var count = new DataField<int?>("count");
        var at = new DataField<DateTime>("at");
        var flag = new DataField<bool>("flag");
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, name, score, count, at, flag), stream, cancellationToken: TestContext.Current.CancellationToken))
        {
            for (var group = 0; group < 2; group++)
            {
                using var rowGroup = writer.CreateRowGroup();
                var first = group * 2;
                await rowGroup.WriteAsync(id, (ReadOnlyMemory<long>)new long[] { first + 1, first + 2 }, cancellationToken: TestContext.Current.CancellationToken);
                await rowGroup.WriteAsync(name, new[] { $"n{first + 1}", null });
                await rowGroup.WriteAsync(score, (ReadOnlyMemory<double?>)new double?[] { 1.5, null }, cancellationToken: TestContext.Current.CancellationToken);
                await rowGroup.WriteAsync(count, (ReadOnlyMemory<int?>)new int?[] { 7, 8 }, cancellationToken: TestContext.Current.CancellationToken);
                await rowGroup.WriteAsync(at, (ReadOnlyMemory<DateTime>)new[] { new DateTime(2024, 3, 5 + first, 14, 30, 0, DateTimeKind.Utc), new DateTime(2024, 3, 6 + first, 0, 0, 0, DateTimeKind.Utc) }, cancellationToken: TestContext.Current.CancellationToken);
                await rowGroup.WriteAsync(flag, (ReadOnlyMemory<bool>)new[] { true, false }, cancellationToken: TestContext.Current.CancellationToken);
            }
        }

        var (file, rows) = await TableFileReads.ReadAllAsync(path, TableFormats.Parquet);

        file.Header.ShouldBe(["id", "name", "score", "count", "at", "flag"]);
        rows.Select(r => r.Number).ShouldBe([1L, 2L, 3L, 4L]);
        rows[2].Cells.ShouldBe([3L, "n3", 1.5, 7L, new DateTime(2024, 3, 7, 14, 30, 0, DateTimeKind.Utc), true]);
        rows[3].Cells.ShouldBe([4L, null, null, 8L, new DateTime(2024, 3, 8, 0, 0, 0, DateTimeKind.Utc), false]);
        TableFileReads.Describe(await TableFileReads.ColumnsAsync(path, TableFormats.Parquet))
            .ShouldBe("id:bigint, name:text, score:double precision, count:bigint, at:timestamptz, flag:boolean");
    }
}
