namespace Datapunk.Silo.Tests.Workbench;

/// <summary>
/// The workbench's engine tests run one class at a time: some compare what a query could have changed (sequences,
/// advisory locks of the workbench's login) before and after, which another class's queries would move.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WorkbenchCollection
{
    public const string Name = "SQL workbench engine";
}
