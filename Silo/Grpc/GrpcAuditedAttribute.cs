using Datapunk.Users.Audit;

namespace Datapunk.Silo.Grpc;

/// <summary>
/// The gRPC counterpart of <c>.Audited(action)</c> on a REST route: a method marked with it leaves one
/// audit entry per call (<see cref="GrpcAuditInterceptor"/>), with the record count it reported through
/// <c>ReportAuditedRecords</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class GrpcAuditedAttribute : Attribute
{
    public GrpcAuditedAttribute(string action)
    {
        // Validates the action when the endpoints are built, rather than on the first call.
        new AuditEntry(AuditActors.System, AuditActors.System, action, 0, AuditOrigins.System).Validate();
        Action = action;
    }

    public string Action { get; }
}
