using System.Text;

namespace Datapunk.Actors.Generator.Parsing;

/// <summary>
/// The stable id of a grain method: FNV-1a (32 bit) over the UTF-8 bytes of
/// "Namespace.IDeclaringInterface.Method(paramType,paramType)". Both ends of a call compute
/// it from the contract alone, so it survives recompilation and reordering of methods.
/// </summary>
internal static class MethodId
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static uint Compute(string signature)
    {
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(signature))
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        return hash;
    }
}
