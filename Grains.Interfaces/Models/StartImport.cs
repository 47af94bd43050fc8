namespace Datapunk.Grains;

/// <summary>What an import job is asked to import: the owner and the local paths the silo reads.</summary>
/// <param name="UserId">The user whose data this is; the job never touches another user's rows.</param>
/// <param name="Paths">Absolute paths of archives (.zip, .tgz, .tar.gz, .tar), extracted folders or single export files.</param>
[GenerateSerializer, Immutable, Alias("start-import")]
public sealed record StartImport([property: Id(0)] string UserId, [property: Id(1)] IReadOnlyList<string> Paths);
