namespace Datapunk.Grains;

/// <summary>An account's role: the owner set the instance up; admins manage users; members own only their data.</summary>
public static class AccountRoles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Member = "member";

    public static IReadOnlyList<string> All { get; } = [Owner, Admin, Member];

    public static bool IsAdministrator(string? role) => role is Owner or Admin;
}
