using System.Globalization;

namespace Datapunk.TestGrains;

/// <summary>Echoes its arguments back; the reply names the grain by its Guid key.</summary>
public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<string> EchoAsync(string text) => Task.FromResult(text);

    public Task<EchoReply> EchoAsync(EchoMessage message, IReadOnlyList<string> tags) =>
        Task.FromResult(new EchoReply(string.Concat(Enumerable.Repeat(message.Text, message.Repeat)), GetPrimaryKey(), tags));

    public Task<string?> EchoNullableAsync(string? value) => Task.FromResult(value);

    public Task<string> JoinAsync(string separator, int number, Guid id, DateTimeOffset at, string[] words) =>
        Task.FromResult(string.Join(
            separator,
            [number.ToString(CultureInfo.InvariantCulture), id.ToString("D"), at.ToString("O", CultureInfo.InvariantCulture), .. words]));

    public async Task ThrowAsync(string message)
    {
        // Fail after an await, so the failure travels through the task rather than the call.
        await Task.Yield();
        throw new InvalidOperationException(message);
    }
}
