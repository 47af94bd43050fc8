using System.Security.Cryptography;

namespace Datapunk.Silo.Auth;

/// <summary>
/// The HMAC key session JWTs are signed with: 64 random bytes in a file outside the database, created
/// by whichever silo starts first (the others read it), readable by its owner only.
/// </summary>
public static class SigningKeyFile
{
    public static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Read(path);
        }

        // When another silo created it first, theirs is used.
        PrivateFile.Write(path, RandomNumberGenerator.GetBytes(64), overwrite: false);
        return Read(path);
    }

    private static byte[] Read(string path)
    {
        var key = File.ReadAllBytes(path);
        return key.Length >= 32
            ? key
            : throw new InvalidOperationException($"The session signing key {path} has {key.Length} bytes; at least 32 are needed. Delete it to have a new one made (every session ends).");
    }
}
