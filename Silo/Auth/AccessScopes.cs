namespace Datapunk.Silo.Auth;

/// <summary>What a token may do: read one's data, change it (imports, erasure), administer users. Each implies the ones before it.</summary>
public static class AccessScopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Read, Write, Admin];
}
