using System.CommandLine;

namespace Datapunk.Cli.Commands;

/// <summary>The <c>--user</c> option of commands that act for one user.</summary>
public static class UserOption
{
    public static Option<string> Create() => new("--user", "-u")
    {
        Description = "The user whose data this is: your own, or (with an administrator's token) any user's; 'import' creates it if missing.",
        Required = true,
    };
}
