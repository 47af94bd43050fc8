using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Datapunk.Silo.Api;

/// <summary>Users: create and read a profile (the gateway to grain path).</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users");
        users.MapPost("/", CreateAsync).WithName("CreateUser").WithSummary("Creates a user.");
        users.MapGet("/{userName}", GetAsync).WithName("GetUser").WithSummary("Returns a user's profile.");
        return app;
    }

    private static async Task<Results<Created<UserProfile>, Conflict<ProblemDetails>, ValidationProblem>> CreateAsync(
        NewUser body, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        if (!UserNames.IsValid(body.UserName))
        {
            errors["userName"] = [$"'{body.UserName}' is not a valid user name: {UserNames.Rule}."];
        }

        if (string.IsNullOrWhiteSpace(body.DisplayName) || body.DisplayName.Length > 200)
        {
            errors["displayName"] = ["The display name must be 1 to 200 characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var profile = await grains.GetGrain<IUserGrain>(body.UserName).CreateAsync(new CreateUser(body.DisplayName, body.Email));
            return TypedResults.Created($"/api/users/{profile.UserName}", profile);
        }
        catch (UserAlreadyExistsException exception)
        {
            return TypedResults.Conflict(new ProblemDetails { Title = "User exists", Detail = exception.Message, Status = StatusCodes.Status409Conflict });
        }
    }

    private static async Task<Results<Ok<UserProfile>, NotFound<ProblemDetails>, ValidationProblem>> GetAsync(string userName, IGrainFactory grains)
    {
        if (!UserNames.IsValid(userName))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userName"] = [$"'{userName}' is not a valid user name: {UserNames.Rule}."] });
        }

        var profile = await grains.GetGrain<IUserGrain>(userName).GetProfileAsync();
        return profile is null
            ? TypedResults.NotFound(new ProblemDetails { Title = "No such user", Detail = $"User '{userName}' does not exist.", Status = StatusCodes.Status404NotFound })
            : TypedResults.Ok(profile);
    }
}
