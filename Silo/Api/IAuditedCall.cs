namespace Datapunk.Silo.Api;

/// <summary>
/// What a handler of an audited route (<see cref="AuditedEndpoints.Audited"/>) tells the audit
/// entry: how many records it returned or changed. Set through <see cref="AuditedEndpoints.ReportAuditedRecords"/>.
/// </summary>
public interface IAuditedCall
{
    long RecordCount { get; set; }
}
