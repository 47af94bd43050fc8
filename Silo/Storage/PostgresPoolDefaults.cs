using System.Data.Common;
using Npgsql;

namespace Datapunk.Silo.Storage;

/// <summary>
/// Npgsql's default of 100 connections per pool lets three silos exhaust a default PostgreSQL
/// (max_connections = 100) on their own. Pools get a smaller bound unless the connection string sets one.
/// </summary>
public static class PostgresPoolDefaults
{
    public const int MaxPoolSize = 20;

    public static void Apply(NpgsqlConnectionStringBuilder builder, string givenConnectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = givenConnectionString };
        if (!given.ContainsKey("Maximum Pool Size") && !given.ContainsKey("Max Pool Size") && !given.ContainsKey("MaxPoolSize"))
        {
            builder.MaxPoolSize = MaxPoolSize;
        }
    }
}
