using Datapunk.Actors.Tests.Infrastructure;

namespace Datapunk.Actors.Tests.Errors;

[Collection(SharedSiloCollection.Name)]
public sealed class ExceptionPropagationTests(SharedSiloFixture silo)
{
    [Theory(Timeout = Deadlines.TestMilliseconds)]
    [MemberData(nameof(FailureCase.Names), MemberType = typeof(FailureCase))]
    public async Task ExceptionReachesALocalCallerWithItsTypeAndMessage(string failure)
    {
        var expected = FailureCase.Named(failure);

        var caught = await CatchAsync(expected.Call(silo.Grains));

        caught.ShouldBeOfType(expected.ExpectedType);
        caught.Message.ShouldBe(expected.ExpectedMessage);
    }

    [Theory(Timeout = Deadlines.TestMilliseconds)]
    [MemberData(nameof(FailureCase.NamesOverTheWire), MemberType = typeof(FailureCase))]
    public async Task ExceptionReachesAClusterClientWithItsTypeAndMessage(string failure)
    {
        var expected = FailureCase.Named(failure);
        await using var client = Clients.ConnectTo(silo);

        var caught = await CatchAsync(expected.Call(client));

        caught.ShouldBeOfType(expected.ExpectedType, $"the exception crossed TCP as: {caught.GetType().Name}: {caught.Message}");
        caught.Message.ShouldBe(expected.ExpectedMessage);
    }

    private static async Task<Exception> CatchAsync(Task call)
    {
        try
        {
            await call.Within("a call that should fail");
        }
        catch (Exception exception) when (exception is not TimeoutException || exception is GrainCallTimeoutException)
        {
            return exception;
        }

        throw new ShouldAssertException("The call completed, but it should have thrown.");
    }
}
