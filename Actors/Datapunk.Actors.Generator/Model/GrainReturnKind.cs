namespace Datapunk.Actors.Generator.Model;

/// <summary>The awaitable a grain method returns; it decides how requests and proxies adapt results.</summary>
internal enum GrainReturnKind
{
    Task,
    TaskOfResult,
    ValueTask,
    ValueTaskOfResult,
}
