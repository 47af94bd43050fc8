namespace Datapunk.TestGrains;

/// <summary>What <see cref="IEchoGrain"/> answers: the echoed text and the grain that echoed it.</summary>
[GenerateSerializer, Immutable]
public sealed record EchoReply([property: Id(0)] string Text, [property: Id(1)] Guid EchoedBy, [property: Id(2)] IReadOnlyList<string> Tags);
