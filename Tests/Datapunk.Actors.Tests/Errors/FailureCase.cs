namespace Datapunk.Actors.Tests.Errors;

/// <summary>A grain call that fails on purpose, and the exception its caller should receive.</summary>
/// <param name="Name">Names the case in test output.</param>
/// <param name="Call">Makes the failing call through the given grain factory (a silo's or a cluster client's).</param>
/// <param name="ExpectedType">The exact exception type the caller should receive.</param>
/// <param name="ExpectedMessage">The message it should carry.</param>
public sealed record FailureCase(
    string Name, Func<IGrainFactory, Task> Call, Type ExpectedType, string ExpectedMessage)
{
    public static readonly FailureCase[] All =
    [
        new("invalid operation", grains => grains.GetGrain<IEchoGrain>(Guid.NewGuid()).ThrowAsync("echo refused"),
            typeof(InvalidOperationException), "echo refused"),
        new("argument", grains => grains.GetGrain<IFailingGrain>(Guid.NewGuid()).ThrowArgumentAsync("amount", "must be positive"),
            typeof(ArgumentException), "must be positive (Parameter 'amount')"),
        new("argument out of range", grains => grains.GetGrain<IFailingGrain>(Guid.NewGuid()).ThrowArgumentOutOfRangeAsync("count", "must be below 10"),
            typeof(ArgumentOutOfRangeException), "must be below 10 (Parameter 'count')"),
        new("custom, thrown synchronously", grains => grains.GetGrain<IFailingGrain>(Guid.NewGuid()).ThrowDeliberateAsync("deliberate failure"),
            typeof(DeliberateGrainException), "deliberate failure"),
    ];

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];

    public static IEnumerable<TheoryDataRow<string>> NamesOverTheWire =>
        All.Select(c => new TheoryDataRow<string>(c.Name));

    public static FailureCase Named(string name) => All.Single(c => c.Name == name);

    public override string ToString() => Name;
}
