namespace Datapunk.Users.Audit;

/// <summary>The actions the platform records; an action is any dot-separated lower-case name, these are the ones it uses.</summary>
public static class AuditActions
{
    public const string RecordsRead = "records.read";
    public const string TimelineRead = "timeline.read";
    public const string MapRead = "map.read";
    public const string StatsRead = "stats.read";
    public const string Ask = "cortex.ask";
    public const string PlacesRead = "places.read";
    public const string PlacesChange = "places.change";
    public const string AnomaliesRead = "anomalies.read";
    public const string ModelsRead = "models.read";
    public const string ModelsChange = "models.change";
    public const string SearchRead = "search.read";
    public const string SqlRead = "sql.read";
    /// <summary>The owner asked the SQL workbench for a result without masking (an entry besides <see cref="SqlRead"/>'s).</summary>
    public const string SqlUnmasked = "sql.unmasked";
    public const string SqlSavedChange = "sql.change";
    public const string ProfileRead = "profile.read";
    public const string ProfileChange = "profile.change";
    public const string ModelServerMaskingChange = "model-server.masking.change";
    public const string ImportsStart = "imports.start";
    /// <summary>An import, or a source file of it, deleted with what was stored from it (a dry run is recorded too).</summary>
    public const string ImportsDelete = "imports.delete";
    public const string ConnectionsRead = "connections.read";
    public const string ConnectionsChange = "connections.change";
    public const string TablesRead = "tables.read";
    public const string TablesChange = "tables.change";
    public const string Export = "export";
    public const string Erase = "erase";
    public const string TokenCreate = "token.create";
    public const string IngestTokenCreate = "ingest-token.create";
    public const string IngestTokenRevoke = "ingest-token.revoke";
    public const string AdminActAs = "admin.act-as";
    public const string AuditRead = "audit.read";
    public const string AuditVerify = "audit.verify";
    public const string AdminImportsRead = "admin.imports.read";
    public const string CatalogRead = "catalog.read";
    public const string CatalogRefresh = "catalog.refresh";

    /// <summary>The tombstone erasure leaves (<see cref="IAuditLog.RedactSubjectAsync"/>).</summary>
    public const string AccountErased = "account.erased";
}
