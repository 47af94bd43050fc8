namespace Datapunk.Grains;

/// <summary>No user with this name was created.</summary>
[GenerateSerializer, Alias("user-not-found-exception")]
public sealed class UserNotFoundException : Exception
{
    public UserNotFoundException() { }

    public UserNotFoundException(string message) : base(message) { }

    public UserNotFoundException(string message, Exception inner) : base(message, inner) { }
}
