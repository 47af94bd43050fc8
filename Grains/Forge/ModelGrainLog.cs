using Microsoft.Extensions.Logging;

namespace Datapunk.Grains;

internal static partial class ModelGrainLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} resumes a training run asked for before on {Silo}")]
    public static partial void Resuming(ILogger logger, string model, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run of {Model} ended {End}: {Message}")]
    public static partial void RunEnded(ILogger logger, string model, string end, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model} could not ask {Dependent} to train after it")]
    public static partial void DependentNotTold(ILogger logger, Exception exception, string model, string dependent);
}
