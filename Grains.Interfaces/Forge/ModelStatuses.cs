namespace Datapunk.Grains;

/// <summary>The life of a model version in the registry: trained, then promoted (served) until a newer promotion or a rollback retires it.</summary>
public static class ModelStatuses
{
    public const string Training = "training";
    public const string Ready = "ready";
    public const string Failed = "failed";
    public const string Promoted = "promoted";
    public const string Retired = "retired";
}
