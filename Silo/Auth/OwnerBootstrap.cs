using System.Text.Json;
using Datapunk.Users.Accounts;
using Datapunk.Users.Sessions;
using Datapunk.Users.Tokens;
using Npgsql;

namespace Datapunk.Silo.Auth;

/// <summary>
/// First run of a local installation (<c>Auth:Bootstrap:CredentialsFile</c> set, as <c>./datapunk up</c>
/// does): creates the owner account, writes an admin token for the local command line to the
/// credentials file (mode 0600), and, while the owner has no password, a one-time sign-in link next
/// to it. Runs once the silo has joined the cluster and before the gateway listens, under an advisory
/// lock so silos starting together agree; an existing valid token is kept.
/// </summary>
internal sealed partial class OwnerBootstrap(
    AuthSettings settings, NpgsqlDataSource dataSource, IGrainFactory grains, AccountTable accounts, AccessTokenTable tokens,
    SignInLinkTable links, ILogger<OwnerBootstrap> logger) : IHostedService
{
    private const long BootstrapLockKey = 0x0DA7_A9C0_0002;
    private static readonly TimeSpan SignInLinkLifetime = TimeSpan.FromHours(24);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.BootstrapCredentialsFile is not { } credentialsFile)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({BootstrapLockKey})", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var owner = await accounts.FindOwnerAsync(cancellationToken) ?? await CreateOwnerAsync(cancellationToken);
            await EnsureCredentialsAsync(credentialsFile, owner.UserId, cancellationToken);
            await WriteSignInLinkAsync(Path.Combine(Path.GetDirectoryName(credentialsFile)!, "sign-in-link"), owner, cancellationToken);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({BootstrapLockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<Account> CreateOwnerAsync(CancellationToken cancellationToken)
    {
        CallerContext.Set(settings.OwnerName, AccountRoles.Owner);
        try
        {
            await grains.GetGrain<IUserGrain>(settings.OwnerName).CreateAsync(new CreateUser(settings.OwnerName, null, AccountRoles.Owner));
        }
        finally
        {
            CallerContext.Clear();
        }

        Log.OwnerCreated(logger, settings.OwnerName);
        return await accounts.FindOwnerAsync(cancellationToken) ?? throw new InvalidOperationException("The owner account was not created.");
    }

    private async Task EnsureCredentialsAsync(string path, string ownerId, CancellationToken cancellationToken)
    {
        if (LocalCredentials.TryRead(path) is { } existing && existing.User == ownerId
            && await tokens.ValidateAsync(existing.Token, cancellationToken) is { } valid && valid.Scopes.Contains(AccessScopes.Admin))
        {
            return;
        }

        var issued = await tokens.IssueAsync(ownerId, $"local command line ({Environment.MachineName})", [AccessScopes.Admin], null, cancellationToken);
        LocalCredentials.Write(path, new LocalCredentials(settings.PublicUrl, ownerId, issued.Text));
        Log.CredentialsWritten(logger, path);
    }

    private async Task WriteSignInLinkAsync(string path, Account owner, CancellationToken cancellationToken)
    {
        if (owner.PasswordHash is not null)
        {
            File.Delete(path);
            return;
        }

        var code = await links.CreateAsync(owner.UserId, SignInLinkLifetime, cancellationToken);
        var link = $"{settings.PublicUrl.TrimEnd('/')}/sign-in#code={code}";
        PrivateFile.Write(path, System.Text.Encoding.UTF8.GetBytes(link + "\n"), overwrite: true);
        Log.SignInLink(logger, owner.UserId, path);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Created the owner account '{Owner}'")]
        public static partial void OwnerCreated(ILogger logger, string owner);

        [LoggerMessage(Level = LogLevel.Information, Message = "Wrote an admin token for the local command line to {Path}")]
        public static partial void CredentialsWritten(ILogger logger, string path);

        [LoggerMessage(Level = LogLevel.Information, Message = "The owner '{Owner}' has no password yet: a one-time sign-in link (valid 24 h) is in {Path}")]
        public static partial void SignInLink(ILogger logger, string owner, string path);
    }
}

/// <summary>The local command line's credentials file: where the gateway is, who, and the token (JSON, mode 0600).</summary>
public sealed record LocalCredentials(string Gateway, string User, string Token)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static LocalCredentials? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<LocalCredentials>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static void Write(string path, LocalCredentials credentials) =>
        PrivateFile.Write(path, System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(credentials, Json) + "\n"), overwrite: true);
}
