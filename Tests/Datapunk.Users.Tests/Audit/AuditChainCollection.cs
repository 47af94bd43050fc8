namespace Datapunk.Users.Tests.Audit;

/// <summary>
/// Tests that verify the one chain every test appends to run one at a time: a tamper test's
/// broken entry, or an append in flight, must not show in another test's verification.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AuditChainCollection
{
    public const string Name = "audit chain";
}
