using System.Security.Cryptography;
using System.Text;

namespace Datapunk.Lake.Workbench;

/// <summary>The cache's name of a query: SHA-256 of its normalized SQL, its row limit and whether it is masked.</summary>
public static class WorkbenchQueryKey
{
    public static string Of(string normalizedSql, int limit, bool masked) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{limit}\n{(masked ? "masked" : "unmasked")}\n{normalizedSql}")));
}
