using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Datapunk.Cluster.Tests.Security;

/// <summary>A certificate authority of a test's own and silo certificates it issues, written as PEM files.</summary>
public sealed class TestCertificates : IDisposable
{
    private readonly ECDsa _authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _authority;
    private readonly TempFolder _folder;

    public TestCertificates(TempFolder folder, string name)
    {
        _folder = folder;
        var request = new CertificateRequest($"CN={name}", _authorityKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        AuthorityPath = _folder.File($"{name}-ca.crt");
        File.WriteAllText(AuthorityPath, _authority.ExportCertificatePem());
    }

    public string AuthorityPath { get; }

    /// <summary>Issues a silo certificate and returns the <c>Cluster__Tls__*</c> settings that make a silo use it.</summary>
    public Dictionary<string, string> IssueSiloSettings(string siloName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={siloName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        var serial = RandomNumberGenerator.GetBytes(12);
        using var certificate = request.Create(_authority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);
        var certificatePath = _folder.File($"{siloName}.crt");
        var keyPath = _folder.File($"{siloName}.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return new Dictionary<string, string>
        {
            ["Cluster__Tls__CertificatePath"] = certificatePath,
            ["Cluster__Tls__KeyPath"] = keyPath,
            ["Cluster__Tls__CaPath"] = AuthorityPath,
        };
    }

    public void Dispose()
    {
        _authority.Dispose();
        _authorityKey.Dispose();
    }
}
