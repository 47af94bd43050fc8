namespace Datapunk.Grains;

/// <summary>The user's account is being erased: nothing else is done for it until that ends.</summary>
[GenerateSerializer, Alias("account-erasure-in-progress-exception")]
public sealed class AccountErasureInProgressException : Exception
{
    public AccountErasureInProgressException() { }

    public AccountErasureInProgressException(string message) : base(message) { }

    public AccountErasureInProgressException(string message, Exception inner) : base(message, inner) { }
}
