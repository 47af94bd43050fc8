using Datapunk.Forge.Storage;

namespace Datapunk.Forge.Training;

/// <summary>
/// What a training run computed, before it is stored: the span of data it saw, its metrics, and how
/// to write its outputs as a version. The registry calls <see cref="WriteAsync"/> inside the
/// transaction that checks the run's fence, so a superseded run writes nothing.
/// </summary>
public abstract class TrainedModel
{
    public DateTimeOffset? DataFrom { get; init; }

    public DateTimeOffset? DataTo { get; init; }

    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    internal abstract Task WriteAsync(UserTransaction transaction, int version, CancellationToken cancellationToken);
}
