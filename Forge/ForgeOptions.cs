using Microsoft.Extensions.Configuration;

namespace Datapunk.Forge;

/// <summary>Settings under <c>Forge</c>.</summary>
public sealed record ForgeOptions
{
    /// <summary>
    /// How often a model with a run asked for and not finished is woken by its reminder: on a surviving
    /// silo after a crash, the run starts again within this (<c>Forge:Training:ResumeReminderPeriod</c>).
    /// </summary>
    public TimeSpan ResumeReminderPeriod { get; init; } = TimeSpan.FromMinutes(1);

    public static ForgeOptions From(IConfiguration configuration) => new()
    {
        ResumeReminderPeriod = configuration.GetValue("Forge:Training:ResumeReminderPeriod", TimeSpan.FromMinutes(1)),
    };
}
