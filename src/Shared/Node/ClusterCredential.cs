using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace Troupe.Node;

/// <summary>
/// The cluster secret as Akka.Remote's TLS credential, with mutual authentication. Each node makes its own key pair
/// and a self-signed certificate at start; the certificate carries a tag, HMAC-SHA256 under a key derived from the
/// secret over the certificate's public key. A peer is accepted (both ways: client and server) only if its certificate
/// carries the right tag for its own key. TLS proves that the peer holds that key's private half, and only a holder
/// of the secret can tag a key, so a node without the secret can neither join nor deliver a message; a node that
/// copies another's certificate lacks its private key. Why not a CA and certificate files: the deployment contract
/// (TROUPE_SECRET on every node) stays what it was, nothing to distribute or renew, and Akka's
/// <see cref="DotNettySslSetup"/> takes exactly such a validator.
/// </summary>
internal sealed class ClusterCredential
{
    // 2.25.<uuid>: an OID of our own without registration (ITU-T X.667).
    private const string TagOid = "2.25.263416394171585139574620466873125370241";
    private readonly byte[] tagKey;

    private ClusterCredential(byte[] tagKey, X509Certificate2 certificate)
    {
        this.tagKey = tagKey;
        Certificate = certificate;
    }

    /// <summary>This node's certificate (with its private key), tagged for the secret.</summary>
    public X509Certificate2 Certificate { get; }

    /// <exception cref="ArgumentException">An empty secret.</exception>
    public static ClusterCredential FromSecret(string secret)
    {
        if (string.IsNullOrEmpty(secret)) throw new ArgumentException("expected a cluster secret, got none", nameof(secret));
        var tagKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32,
            Encoding.UTF8.GetBytes("troupe cluster credential v1"), Encoding.UTF8.GetBytes("certificate tag"));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=troupe-node", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));   // server and client auth
        request.CertificateExtensions.Add(new X509Extension(TagOid, Tag(tagKey, request.PublicKey.ExportSubjectPublicKeyInfo()), critical: false));
        using var selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        // Through PKCS#12 so that SslStream gets a certificate with a persisted private key on every platform.
        var certificate = X509CertificateLoader.LoadPkcs12(selfSigned.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
        return new ClusterCredential(tagKey, certificate);
    }

    /// <summary>Whether <paramref name="peer"/> carries this secret's tag over its own public key.</summary>
    public bool Accepts(X509Certificate2? peer)
    {
        if (peer?.Extensions[TagOid] is not { } tag) return false;
        var expected = Tag(tagKey, peer.PublicKey.ExportSubjectPublicKeyInfo());
        return CryptographicOperations.FixedTimeEquals(tag.RawData, expected);
    }

    /// <summary>Akka.Remote's TLS setup: this certificate, mutual authentication, peers judged by <see cref="Accepts"/> only.</summary>
    public DotNettySslSetup ToSslSetup() =>
        new(Certificate, suppressValidation: false, requireMutualAuthentication: true, validateCertificateHostname: false, customValidator: Validate);

    private bool Validate(X509Certificate2? certificate, X509Chain? chain, string remotePeer, SslPolicyErrors errors, ILoggingAdapter log)
    {
        // The chain is self-signed by design (no CA): the tag is the trust anchor, so chain errors are not the verdict.
        if (Accepts(certificate)) return true;
        log.Warning("refused the TLS peer {0}: its certificate does not carry this cluster's secret", remotePeer);
        return false;
    }

    private static byte[] Tag(byte[] key, byte[] subjectPublicKeyInfo) => HMACSHA256.HashData(key, subjectPublicKeyInfo);
}
