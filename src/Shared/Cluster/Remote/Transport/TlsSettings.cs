using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Troupe.Cluster.Remote.Transport;

/// <summary>
/// TLS for every connection of a node, from a PKCS#12 (.pfx) file with its private key. Both sides present a
/// certificate. A peer's certificate is trusted when it chains to a trusted root for its host name, or when it
/// is the very certificate this node uses (the usual set-up: one cluster certificate shared by all nodes).
/// </summary>
public sealed record TlsSettings(string CertificatePath, string? CertificatePassword = null)
{
    /// <summary>Loads the certificate; throws with the path when it is missing or has no private key.</summary>
    public X509Certificate2 LoadCertificate()
    {
        if (!File.Exists(CertificatePath))
            throw new FileNotFoundException($"expected a PKCS#12 certificate file at '{CertificatePath}', found none", CertificatePath);
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"expected a certificate with its private key in '{CertificatePath}', got one without");
        }
        return certificate;
    }

    /// <summary>The peer-certificate check described on the type.</summary>
    internal static bool Validate(X509Certificate2 own, X509Certificate? remote, SslPolicyErrors errors)
    {
        if (remote is null) return false;
        if (errors == SslPolicyErrors.None) return true;
        return remote.GetCertHashString() == own.GetCertHashString();
    }
}
