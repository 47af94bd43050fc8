namespace Datapunk.Grains;

/// <summary>A call reached a grain holding another user's data (the silo's incoming call filter refused it).</summary>
[GenerateSerializer, Alias("personal-data-access-denied-exception")]
public sealed class PersonalDataAccessDeniedException : Exception
{
    public PersonalDataAccessDeniedException() { }

    public PersonalDataAccessDeniedException(string message) : base(message) { }

    public PersonalDataAccessDeniedException(string message, Exception inner) : base(message, inner) { }
}
