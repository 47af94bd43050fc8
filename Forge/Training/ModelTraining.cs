using Datapunk.Forge.Registry;
using Microsoft.Extensions.Logging;

namespace Datapunk.Forge.Training;

/// <summary>
/// One training run of one model, start to end: take the run's fence and version, train, then store
/// and promote the version (or mark it failed) through the registry. The model grain runs this off its
/// turns and decides when; everything here is plain .NET.
/// </summary>
public sealed partial class ModelTraining(ModelRegistry registry, IEnumerable<IModelTrainer> trainers, ILogger<ModelTraining> logger)
{
    private readonly Dictionary<string, IModelTrainer> _trainers = trainers.ToDictionary(trainer => trainer.Kind);

    public async Task<TrainingOutcome> RunAsync(
        string userId, string kind, string timeZone, string reason, string trainedBy, CancellationToken cancellationToken)
    {
        var trainer = _trainers.TryGetValue(kind, out var found) ? found : throw new ArgumentException(ModelKinds.Unknown(kind), nameof(kind));
        var version = await registry.StartRunAsync(userId, kind, reason, trainedBy, trainer.Parameters, cancellationToken);
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var model = await trainer.TrainAsync(new TrainingRequest(userId, timeZone), cancellationToken);
            await registry.CompleteAsync(userId, kind, version, model, cancellationToken);
            Log.Trained(logger, kind, userId, version, started.ElapsedMilliseconds);
            return new TrainingOutcome(TrainingEnd.Completed, version);
        }
        catch (ModelRunSupersededException exception)
        {
            return new TrainingOutcome(TrainingEnd.Superseded, version, exception.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The version stays "training" until the next run marks it abandoned.
            return new TrainingOutcome(TrainingEnd.Stopped, version);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.Failed(logger, exception, kind, userId, version);
            await registry.FailAsync(userId, kind, version, exception.Message, CancellationToken.None);
            return new TrainingOutcome(TrainingEnd.Failed, version, exception.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Trained version {Version} of the {Kind} model of {UserId} in {Milliseconds} ms")]
        public static partial void Trained(ILogger logger, string kind, string userId, int version, long milliseconds);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Training version {Version} of the {Kind} model of {UserId} failed")]
        public static partial void Failed(ILogger logger, Exception exception, string kind, string userId, int version);
    }
}
