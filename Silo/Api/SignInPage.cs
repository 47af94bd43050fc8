namespace Datapunk.Silo.Api;

/// <summary>
/// <c>/sign-in</c>: the page a one-time sign-in link opens. It reads the code from the link's
/// fragment (never sent to a server log), asks for a new password and exchanges both for a session
/// (POST /api/v1/auth/link), or signs in with a user name and password.
/// </summary>
public static class SignInPage
{
    public static WebApplication MapSignInPage(this WebApplication app)
    {
        var page = typeof(SignInPage).Assembly.GetManifestResourceStream("Datapunk.Silo.Api.sign-in.html")
            ?? throw new InvalidOperationException("The sign-in page is not embedded in the silo.");
        using var reader = new StreamReader(page);
        var html = reader.ReadToEnd();
        app.MapGet("/sign-in", () => Results.Content(html, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
