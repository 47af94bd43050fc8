namespace Datapunk.Lake.Model;

/// <summary>A count per <see cref="RecordKind"/> by its snake_case name.</summary>
public sealed class KindCounts() : NamedCounts<RecordKind>(RecordKinds.All, kind => kind.ToName());
