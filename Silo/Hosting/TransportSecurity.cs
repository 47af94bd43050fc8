using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Datapunk.Silo.Hosting;

/// <summary>
/// TLS between silos and from Orleans clients, by configuration (<c>Cluster:Tls:*</c>): off unless a
/// certificate is given (loopback development), mutual TLS against the cluster's own authority when
/// <c>CaPath</c> is set (deploy/ mounts both from a secret).
/// </summary>
public static class TransportSecurity
{
    public static ISiloBuilder AddTransportSecurity(this ISiloBuilder silo, IConfiguration configuration)
    {
        var tls = configuration.GetSection("Cluster:Tls");
        if (tls["CertificatePath"] is not { Length: > 0 } certificatePath)
        {
            return silo;
        }

        var certificate = LoadCertificate(certificatePath, tls["KeyPath"], tls["Password"]);
        var authority = tls["CaPath"] is { Length: > 0 } caPath ? X509CertificateLoader.LoadCertificateFromFile(caPath) : null;
        return silo.UseTls(certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            if (authority is not null)
            {
                options.RemoteCertificateValidation = (remote, _, _) => IsIssuedBy(remote, authority);
            }
        });
    }

    /// <summary>A PEM certificate with its key file, or a PKCS#12 file with an optional password.</summary>
    public static X509Certificate2 LoadCertificate(string certificatePath, string? keyPath, string? password) =>
        keyPath is { Length: > 0 }
            ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath)
            : X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password);

    /// <summary>True when <paramref name="remote"/> chains to <paramref name="authority"/> alone (not to the machine's trust store).</summary>
    public static bool IsIssuedBy(X509Certificate2 remote, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(remote);
    }
}
