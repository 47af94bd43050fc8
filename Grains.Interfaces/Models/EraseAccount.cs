namespace Datapunk.Grains;

/// <summary>The body of an erasure request: the user id typed again, so that no account is erased by a slip.</summary>
public sealed record EraseAccount(string? Confirm);
