using Datapunk.Silo.Api;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Datapunk.Users.Tests.Http;

/// <summary>
/// A Kestrel gateway on a free port with the real <c>/api/v1</c> group, the audit routes, and one
/// audited route that reads <see cref="RecordsRoute"/> records: the audit filter and routes over
/// real HTTP, with <see cref="HeaderCallerAuthentication"/> standing in for sign-in.
/// </summary>
internal sealed class AuditedGateway : IAsyncDisposable
{
    public const string RecordsRoute = "/test-records";
    public const int RecordsReturned = 7;

    private readonly WebApplication _app;
    private readonly TempFolder _keys;

    private AuditedGateway(WebApplication app, HttpClient http, TempFolder keys)
    {
        _app = app;
        Http = http;
        _keys = keys;
    }

    public HttpClient Http { get; }

    public static async Task<AuditedGateway> StartAsync()
    {
        var dataSource = await UsersDatabase.MigratedAsync();
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var keys = new TempFolder();
        builder.Configuration[Datapunk.Users.Secrets.SecretsAtRest.KeysPathSetting] = keys.Path;
        builder.Services.AddSingleton<NpgsqlDataSource>(dataSource);
        builder.Services.AddUsers(builder.Configuration);
        builder.Services.AddAuthentication(HeaderCallerAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, HeaderCallerAuthentication>(HeaderCallerAuthentication.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Read, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.HasScope(AccessScopes.Read)))
            .AddPolicy(AuthPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.HasScope(AccessScopes.Admin)));
        var app = builder.Build();
        var api = app.MapApiV1();
        api.MapAuditApi();
        api.MapGet(RecordsRoute, static (HttpContext http) =>
        {
            http.ReportAuditedRecords(RecordsReturned);
            return TypedResults.Ok(RecordsReturned);
        }).Audited(AuditActions.RecordsRead);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new AuditedGateway(app, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") }, keys);
    }

    /// <summary>A GET as the caller the header describes.</summary>
    public Task<HttpResponseMessage> GetAsync(string path, string caller)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(HeaderCallerAuthentication.Header, caller);
        return Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
        _keys.Dispose();
    }
}
