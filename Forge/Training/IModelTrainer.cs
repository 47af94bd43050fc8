namespace Datapunk.Forge.Training;

/// <summary>Trains one kind of model (<see cref="ModelKinds"/>) for one user; plain .NET, called by the model grain through <see cref="ModelTraining"/>.</summary>
public interface IModelTrainer
{
    string Kind { get; }

    /// <summary>The knobs this trainer runs with, recorded in the version.</summary>
    IReadOnlyDictionary<string, double> Parameters { get; }

    Task<TrainedModel> TrainAsync(TrainingRequest request, CancellationToken cancellationToken);
}
