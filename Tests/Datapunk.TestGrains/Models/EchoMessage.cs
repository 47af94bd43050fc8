namespace Datapunk.TestGrains;

/// <summary>A message echoed back by <see cref="IEchoGrain"/>; exercises records as arguments and results.</summary>
[GenerateSerializer, Immutable]
public sealed record EchoMessage([property: Id(0)] string Text, [property: Id(1)] int Repeat, [property: Id(2)] DateTimeOffset SentAt);
