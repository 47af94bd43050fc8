using Datapunk.Lake.Tables;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api.Tables;

/// <summary>What a table upload's failures answer: 422 for a file that cannot become the table (with its row and column), 400 for a correction that cannot apply, 409 for a name taken, 413 for a file too big, 404 for an unknown upload.</summary>
internal static class TableProblems
{
    public static async Task<Results<T, ValidationProblem, ProblemHttpResult>> CatchAsync<T>(Func<Task<T>> work) where T : IResult
    {
        try
        {
            return await work();
        }
        catch (TableFileException exception)
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, "The file cannot become a table", exception.Message);
        }
        catch (TableColumnChangeException exception)
        {
            return Problem(StatusCodes.Status400BadRequest, "The columns cannot be changed so", exception.Message);
        }
        catch (UserTableExistsException exception)
        {
            return Problem(StatusCodes.Status409Conflict, "Table exists", exception.Message);
        }
        catch (TableTooLargeException exception)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "File too large", exception.Message);
        }
        catch (UploadNotFoundException exception)
        {
            return Problem(StatusCodes.Status404NotFound, "No such upload", exception.Message);
        }
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);
}
