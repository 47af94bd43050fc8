using System.Text.Json;

namespace Datapunk.Testing;

/// <summary>The state folder of a test cluster (signing key, the owner's credentials file), shared by its silos.</summary>
public static class TestState
{
    public static string PathFor(string clusterId) => Path.Combine(Path.GetTempPath(), "datapunk-tests", clusterId);

    public static string CredentialsFileFor(string clusterId) => Path.Combine(PathFor(clusterId), "credentials");

    /// <summary>The token in a credentials file the silo wrote (JSON with a <c>token</c> field).</summary>
    public static string ReadToken(string credentialsFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(credentialsFile));
        return document.RootElement.GetProperty("token").GetString()
            ?? throw new InvalidOperationException($"{credentialsFile} has no token.");
    }
}
