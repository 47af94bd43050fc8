using System.Globalization;
using System.Text.Json;
using Grpc.Core;

namespace Datapunk.Silo.Grpc;

/// <summary>The SQL workbench's results, plans, history and saved queries as the gRPC Workbench service sends them (workbench.proto), and its errors as statuses.</summary>
internal static class WorkbenchMessages
{
    public static V1.SqlResult ToMessage(this WorkbenchResult result)
    {
        using var rows = JsonDocument.Parse(result.RowsJson);
        return new V1.SqlResult
        {
            Columns = { result.Columns.Select(column => new V1.SqlColumn { Name = column.Name, Type = column.Type }) },
            Rows = { rows.RootElement.EnumerateArray().Select(row => row.GetRawText()) },
            Truncated = result.Truncated,
            ElapsedMs = result.ElapsedMs,
            Cached = result.Cached,
        };
    }

    public static V1.SqlHistoryEntry ToMessage(this SqlHistoryEntry entry)
    {
        var message = new V1.SqlHistoryEntry
        {
            Id = entry.Id,
            Sql = entry.Sql,
            RanAt = entry.RanAt.ToTimestamp(),
            ElapsedMs = entry.ElapsedMs,
            RowCount = entry.RowCount,
            Truncated = entry.Truncated,
            Cached = entry.Cached,
            Unmasked = entry.Unmasked,
        };
        if (entry.Error is { } error)
        {
            message.Error = error;
        }

        return message;
    }

    public static V1.SavedSql ToMessage(this SavedSqlQuery saved) => new()
    {
        Id = saved.Id, Name = saved.Name, Sql = saved.Sql, CreatedAt = saved.CreatedAt.ToTimestamp(), UpdatedAt = saved.UpdatedAt.ToTimestamp(),
    };

    /// <summary>
    /// The status of a failed query, as REST's problem: FAILED_PRECONDITION on a host without a workbench login (REST's
    /// 503), else INVALID_ARGUMENT (REST's 400) with PostgreSQL's message; its SQLSTATE, position and hint in the trailers.
    /// </summary>
    public static RpcException ToException(this WorkbenchError error)
    {
        var trailers = new Metadata();
        if (error.SqlState is { } state)
        {
            trailers.Add("sql-state", state);
        }

        if (error.Position is { } position)
        {
            trailers.Add("sql-position", position.ToString(CultureInfo.InvariantCulture));
        }

        if (error.Hint is { } hint)
        {
            trailers.Add("sql-hint", hint);
        }

        var code = error.SqlState == WorkbenchErrorStates.NotConfigured ? StatusCode.FailedPrecondition : StatusCode.InvalidArgument;
        return new RpcException(new Status(code, error.Message), trailers);
    }
}
