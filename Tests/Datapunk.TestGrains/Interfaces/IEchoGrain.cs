namespace Datapunk.TestGrains;

/// <summary>Echoes what it receives; keyed by a Guid so each test can use a fresh one.</summary>
public interface IEchoGrain : IGrainWithGuidKey
{
    /// <summary>Returns <paramref name="text"/> unchanged.</summary>
    Task<string> EchoAsync(string text);

    /// <summary>Returns the message's text repeated as often as it asks, tagged with <paramref name="tags"/>.</summary>
    Task<EchoReply> EchoAsync(EchoMessage message, IReadOnlyList<string> tags);

    /// <summary>Returns <paramref name="value"/> unchanged, null included.</summary>
    Task<string?> EchoNullableAsync(string? value);

    /// <summary>Joins several arguments of different kinds into one line.</summary>
    Task<string> JoinAsync(string separator, int number, Guid id, DateTimeOffset at, string[] words);

    /// <summary>Fails with an <see cref="InvalidOperationException"/> carrying <paramref name="message"/>.</summary>
    Task ThrowAsync(string message);
}
