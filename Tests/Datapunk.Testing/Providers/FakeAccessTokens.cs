using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Datapunk.Testing.Providers;

/// <summary>The access tokens a fake provider issued, by the account each stands for; any can be made to expire (a 401 from then on).</summary>
internal sealed class FakeAccessTokens
{
    private readonly ConcurrentDictionary<string, (string Account, bool Expired)> _tokens = new(StringComparer.Ordinal);

    public void Grant(string token, string account) => _tokens[token] = (account, false);

    /// <summary>Every access token issued so far expires (refresh tokens are the fake's own and stay valid).</summary>
    public void ExpireAll()
    {
        foreach (var (token, (account, _)) in _tokens)
        {
            _tokens[token] = (account, true);
        }
    }

    /// <summary>The account of the request's bearer token; false when it has none, or one unknown or expired.</summary>
    public bool TryAccountOf(HttpContext context, out string account)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.TryGetValue(header["Bearer ".Length..], out var token) && !token.Expired)
        {
            account = token.Account;
            return true;
        }

        account = "";
        return false;
    }
}
