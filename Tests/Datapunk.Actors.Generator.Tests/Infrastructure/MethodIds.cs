using System.Text;

namespace Datapunk.Actors.Generator.Tests.Infrastructure;

/// <summary>An independent FNV-1a implementation, so tests check the generator's ids against the documented algorithm.</summary>
internal static class MethodIds
{
    public static uint Of(string signature)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(signature))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }
}
