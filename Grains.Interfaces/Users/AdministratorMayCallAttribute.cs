namespace Datapunk.Grains;

/// <summary>
/// Marks a grain method an administrator (role owner or admin) may call on another user's grain:
/// account management, never reading the user's data. Every other method of a grain that holds
/// personal data answers only its owner (the silo's incoming call filter enforces it).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AdministratorMayCallAttribute : Attribute;
