package dev.idem.local.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

  private static final Instant NOW = Instant.parse("2026-12-07T04:00:00Z");
  private static final CertificateAuthority CA =
      CertificateAuthority.generate(Clock.fixed(NOW, ZoneOffset.UTC));

  @TempDir Path dir;

  @Test
  void generate_selfSignedAuthorityForThirtyDaysFromAnHourAgo() throws Exception {
    X509Certificate ca = CA.certificate();

    ca.verify(ca.getPublicKey());
    assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
    assertThat(ca.getSubjectX500Principal().getName()).startsWith("CN=Idem local cloud CA ");
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(ca.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
    assertThat(ca.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)));
  }

  @Test
  void issue_awsHost_leafSignedByTheAuthorityNamingOnlyThatHost() throws Exception {
    CertificateAuthority.Issued issued = CA.issue("dynamodb.eu-west-1.amazonaws.com");
    X509Certificate leaf = issued.certificate();

    leaf.verify(CA.certificate().getPublicKey());
    assertThat(leaf.getSubjectAlternativeNames())
        .containsExactly(List.of(2, "dynamodb.eu-west-1.amazonaws.com"));
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(7)));
    assertThat(leaf.getSerialNumber()).isNotEqualTo(CA.certificate().getSerialNumber());
  }

  @Test
  void issue_leafAndAuthority_validPkixPathAtThatTime() throws Exception {
    X509Certificate leaf = CA.issue("events.us-east-1.amazonaws.com").certificate();
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(CA.certificate(), null)));
    parameters.setRevocationEnabled(false);
    parameters.setDate(Date.from(NOW.plusSeconds(60)));

    CertPathValidator.getInstance("PKIX")
        .validate(
            CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
  }

  @Test
  void issue_longHostName_subjectFallsBackButSanIsTheHost() throws Exception {
    String host = "a".repeat(60) + ".dynamodb.us-east-1.amazonaws.com";

    X509Certificate leaf = CA.issue(host).certificate();

    assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=Idem local cloud");
    assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(2, host));
  }

  @Test
  void issue_notADnsName_refused() {
    assertThatThrownBy(() -> CA.issue("bad host"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Not a DNS host name: 'bad host'");
  }

  @Test
  void serverContext_sameHostTwice_issuedOnce() {
    assertThat(CA.serverContext("sqs.us-east-1.amazonaws.com"))
        .isSameAs(CA.serverContext("sqs.us-east-1.amazonaws.com"));
  }

  @Test
  void writeTrustStore_jks_holdsOnlyTheAuthorityAsTrusted() throws Exception {
    Path file = CA.writeTrustStore(dir.resolve("trust.jks"));

    KeyStore store = KeyStore.getInstance("JKS");
    try (var in = java.nio.file.Files.newInputStream(file)) {
      store.load(in, CertificateAuthority.TRUST_STORE_PASSWORD.toCharArray());
    }
    assertThat(java.util.Collections.list(store.aliases())).containsExactly("idem-local-ca");
    assertThat(store.isCertificateEntry("idem-local-ca")).isTrue();
    assertThat(store.getCertificate("idem-local-ca")).isEqualTo(CA.certificate());
  }

  @Test
  void derTime_after2049_generalizedTime() {
    assertThat(Der.time(Instant.parse("2049-12-31T23:59:59Z"))[0]).isEqualTo((byte) 0x17);
    assertThat(Der.time(Instant.parse("2050-01-01T00:00:00Z"))[0]).isEqualTo((byte) 0x18);
  }

  @Test
  void derTlv_longContent_lengthInLongForm() {
    byte[] encoded = Der.octetString(new byte[300]);

    assertThat(encoded).startsWith(0x04, 0x82, 0x01, 0x2C);
    assertThat(encoded).hasSize(304);
  }

  @Test
  void derOid_multiByteArcs_base128() {
    assertThat(Der.oid("1.2.840.10045.4.3.2"))
        .containsExactly(0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02);
  }
}
