namespace Datapunk.Grains;

/// <summary>The grain storage provider the silo registers (ADO.NET on PostgreSQL, System.Text.Json payloads).</summary>
public static class GrainStorage
{
    public const string Name = "postgres";
}
