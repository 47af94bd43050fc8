namespace Datapunk.Grains;

/// <summary>What makes a user's models train without being asked: new data (an import ended). Routines follow places on their own.</summary>
public static class ForgeTriggers
{
    public static Task DataChangedAsync(IGrainFactory grains, string userId, string reason) =>
        Task.WhenAll(new[] { ModelKinds.Places, ModelKinds.Anomalies }.Select(kind => grains.GetGrain<IModelGrain>(ModelKeys.Of(userId, kind)).TrainAsync(reason)));
}
