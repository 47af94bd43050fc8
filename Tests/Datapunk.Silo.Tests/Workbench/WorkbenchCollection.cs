namespace Datapunk.Silo.Tests.Workbench;

/// <summary>
/// The workbench's engine tests run one class at a time and apart from every other collection: some compare what a
/// query could have changed (advisory locks of the workbench's login) before and after, and the limits' tests bound
/// the bytes the whole test process allocates while a large result comes, which other tests running beside them
/// would add to (a full run failed the 16 MB bound that the test alone passes).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkbenchCollection
{
    public const string Name = "SQL workbench engine";
}
