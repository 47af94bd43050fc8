namespace Datapunk.Lake.Tables;

/// <summary>The user already has a table by the name an upload asked for, and did not ask to replace it.</summary>
public sealed class UserTableExistsException(string name)
    : Exception($"You already have a table named \"{name}\": upload with replace to overwrite it, or choose another name.");
