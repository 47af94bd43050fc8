namespace Datapunk.TestGrains;

[GenerateSerializer, Alias("test.counter-state")]
public sealed class CounterState
{
    public const string Name = "test-counter";

    [Id(0)] public int Total { get; set; }
}
