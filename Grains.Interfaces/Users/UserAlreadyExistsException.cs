namespace Datapunk.Grains;

/// <summary>A user with this name exists already.</summary>
[GenerateSerializer, Alias("user-already-exists-exception")]
public sealed class UserAlreadyExistsException : Exception
{
    public UserAlreadyExistsException() { }

    public UserAlreadyExistsException(string message) : base(message) { }

    public UserAlreadyExistsException(string message, Exception inner) : base(message, inner) { }
}
