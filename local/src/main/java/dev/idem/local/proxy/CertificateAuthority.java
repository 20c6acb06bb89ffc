package dev.idem.local.proxy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A certificate authority made for one run of the local cloud: an EC P-256 key that lives only in
 * this JVM's memory and a self-signed certificate that only the run's function instances trust
 * (through the trust store {@link #writeTrustStore(Path)} writes; it is never added to a system
 * trust store). It issues, on demand, a server certificate for one host name, which the proxy
 * presents when it answers TLS for that host.
 *
 * <p>Certificates are encoded here (a few DER structures) rather than with keytool, which costs a
 * JVM start per command, or a new library: issuing one takes about a millisecond.
 */
public final class CertificateAuthority {

  /** The trust store's password: it holds one public certificate, nothing secret. */
  public static final String TRUST_STORE_PASSWORD = "idem-local";

  /**
   * The trust store's format. JKS rather than PKCS#12: every JDK from 8 reads it, and an instance's
   * JVM loads it in ~70 ms where a PKCS#12 file, checked with 10,000 PBE rounds, takes ~190 ms
   * (cold, on this 2-core machine).
   */
  public static final String TRUST_STORE_TYPE = "JKS";

  static final Duration CA_VALIDITY = Duration.ofDays(30);
  static final Duration LEAF_VALIDITY = Duration.ofDays(7);
  // Clocks of instance JVMs and this one agree, but a certificate valid from the second it was
  // made is refused by a client whose clock reads the second before.
  private static final Duration BACKDATE = Duration.ofHours(1);

  private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
  private static final String COMMON_NAME = "2.5.4.3";
  private static final String SUBJECT_KEY_ID = "2.5.29.14";
  private static final String KEY_USAGE = "2.5.29.15";
  private static final String SUBJECT_ALT_NAME = "2.5.29.17";
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String AUTHORITY_KEY_ID = "2.5.29.35";
  private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

  private final KeyPair keys;
  private final X509Certificate certificate;
  private final Clock clock;
  private final SecureRandom random;
  private final Map<String, SSLContext> servers = new ConcurrentHashMap<>();

  private CertificateAuthority(
      KeyPair keys, X509Certificate certificate, Clock clock, SecureRandom random) {
    this.keys = keys;
    this.certificate = certificate;
    this.clock = clock;
    this.random = random;
  }

  /**
   * A new authority, its certificate named {@code Idem local cloud CA <time>} and valid for 30
   * days.
   *
   * @throws IllegalStateException when the JDK lacks EC keys or SHA256withECDSA (every JDK has
   *     them)
   */
  public static CertificateAuthority generate(Clock clock) {
    try {
      SecureRandom random = new SecureRandom();
      KeyPair keys = ecKeys(random);
      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      byte[] name = name("Idem local cloud CA " + now);
      byte[] keyId = keyId(keys.getPublic());
      byte[] extensions =
          Der.sequence(
              extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true))),
              // keyCertSign (bit 5) and cRLSign (bit 6): seven bits used.
              extension(KEY_USAGE, true, Der.bitString(new byte[] {0x06}, 1)),
              extension(SUBJECT_KEY_ID, false, Der.octetString(keyId)));
      byte[] tbs = tbs(serial(random), name, now, CA_VALIDITY, name, keys.getPublic(), extensions);
      return new CertificateAuthority(keys, sign(tbs, keys.getPrivate()), clock, random);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot make the local cloud's certificate authority", e);
    }
  }

  /** Its self-signed certificate. */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * Issues a server certificate for {@code host} (its only subject alternative name), valid for 7
   * days. The chain is the certificate, then this authority's.
   *
   * @throws IllegalArgumentException when {@code host} is not a DNS name
   */
  public Issued issue(String host) {
    if (!AwsHosts.isDnsName(host)) {
      throw new IllegalArgumentException("Not a DNS host name: '" + host + "'");
    }
    try {
      KeyPair leafKeys = ecKeys(random);
      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      byte[] extensions =
          Der.sequence(
              extension(BASIC_CONSTRAINTS, true, Der.sequence()),
              // digitalSignature (bit 0), which ECDHE_ECDSA and TLS 1.3 signatures need.
              extension(KEY_USAGE, true, Der.bitString(new byte[] {(byte) 0x80}, 7)),
              extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH))),
              extension(
                  SUBJECT_ALT_NAME,
                  false,
                  Der.sequence(Der.implicit(2, host.getBytes(StandardCharsets.US_ASCII)))),
              extension(SUBJECT_KEY_ID, false, Der.octetString(keyId(leafKeys.getPublic()))),
              extension(
                  AUTHORITY_KEY_ID, false, Der.sequence(Der.implicit(0, keyId(keys.getPublic())))));
      byte[] tbs =
          tbs(
              serial(random),
              issuerName(),
              now,
              LEAF_VALIDITY,
              name(host.length() <= 64 ? host : "Idem local cloud"), // CN's limit: 64
              leafKeys.getPublic(),
              extensions);
      return new Issued(leafKeys.getPrivate(), sign(tbs, keys.getPrivate()), certificate);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot issue a certificate for " + host, e);
    }
  }

  /**
   * A TLS server context presenting a certificate for {@code host}, issued on first use and kept.
   *
   * @throws IllegalArgumentException when {@code host} is not a DNS name
   */
  public SSLContext serverContext(String host) {
    return servers.computeIfAbsent(host, name -> issue(name).serverContext());
  }

  /**
   * Writes a trust store ({@value #TRUST_STORE_TYPE}) holding only this authority's certificate,
   * protected by {@link #TRUST_STORE_PASSWORD}.
   *
   * @throws UncheckedIOException when it cannot be written
   */
  public Path writeTrustStore(Path file) {
    try (OutputStream out = Files.newOutputStream(file)) {
      KeyStore store = KeyStore.getInstance(TRUST_STORE_TYPE);
      store.load(null, null);
      store.setCertificateEntry("idem-local-ca", certificate);
      store.store(out, TRUST_STORE_PASSWORD.toCharArray());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the trust store " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot write the trust store " + file, e);
    }
  }

  /**
   * A server certificate and its key.
   *
   * @param key the certificate's private key
   * @param certificate the server certificate
   * @param issuer the authority's certificate
   */
  public record Issued(PrivateKey key, X509Certificate certificate, X509Certificate issuer) {

    /** A TLS context presenting this certificate, with the authority's after it. */
    SSLContext serverContext() {
      try {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new OneKeyManager(this)}, null, null);
        return context;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Cannot make a TLS context for " + certificate, e);
      }
    }
  }

  /**
   * Presents one certificate to every client. (A PKCS#12 key store and the JDK's key manager
   * factory would do the same at ~50 ms per host: they protect the key with 10,000 PBE rounds.)
   */
  private static final class OneKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "server";
    private final Issued issued;

    OneKeyManager(Issued issued) {
      this.issued = issued;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return keyType.equals(issued.key().getAlgorithm()) ? ALIAS : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      String alias = chooseServerAlias(keyType, issuers, null);
      return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return ALIAS.equals(alias)
          ? new X509Certificate[] {issued.certificate(), issued.issuer()}
          : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return ALIAS.equals(alias) ? issued.key() : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }

  private byte[] issuerName() {
    return certificate.getSubjectX500Principal().getEncoded();
  }

  private static KeyPair ecKeys(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    return generator.generateKeyPair();
  }

  private static byte[] tbs(
      BigInteger serial,
      byte[] issuer,
      Instant now,
      Duration validity,
      byte[] subject,
      PublicKey key,
      byte[] extensions) {
    return Der.sequence(
        Der.explicit(0, Der.integer(BigInteger.TWO)), // version 3
        Der.integer(serial),
        algorithm(),
        issuer,
        Der.sequence(Der.time(now.minus(BACKDATE)), Der.time(now.plus(validity))),
        subject,
        key.getEncoded(), // SubjectPublicKeyInfo, as X.509 encodes it
        Der.explicit(3, extensions));
  }

  private static X509Certificate sign(byte[] tbs, PrivateKey key) throws GeneralSecurityException {
    Signature signature = Signature.getInstance("SHA256withECDSA");
    signature.initSign(key);
    signature.update(tbs);
    byte[] der = Der.sequence(tbs, algorithm(), Der.bitString(signature.sign(), 0));
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  private static byte[] algorithm() {
    return Der.sequence(Der.oid(ECDSA_WITH_SHA256));
  }

  private static byte[] name(String commonName) {
    return Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8String(commonName))));
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical
        ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
        : Der.sequence(Der.oid(oid), Der.octetString(value));
  }

  /** RFC 5280's method 1 in spirit: a hash of the public key, cut to 20 bytes. */
  private static byte[] keyId(PublicKey key) throws GeneralSecurityException {
    return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 20);
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(126, random).setBit(125); // positive, 16 bytes, never zero
  }
}
