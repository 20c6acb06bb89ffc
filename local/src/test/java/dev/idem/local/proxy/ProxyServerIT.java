package dev.idem.local.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.local.http.HttpEndpoint;
import dev.idem.local.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The proxy between a real TLS client and an edge that echoes what it received. */
class ProxyServerIT {

  private static final List<String> CONSOLE = new CopyOnWriteArrayList<>();
  private static CertificateAuthority authority;
  private static HttpEndpoint edge;
  private static ProxyServer proxy;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    edge =
        HttpEndpoint.start(
            "edge",
            0,
            request ->
                Response.json(
                    200,
                    "{\"method\":\""
                        + request.method()
                        + "\",\"path\":\""
                        + request.path()
                        + "\",\"query\":\""
                        + request.rawQuery()
                        + "\",\"auth\":\""
                        + request.header("Authorization").orElse("")
                        + "\",\"body\":\""
                        + request.bodyText()
                        + "\"}"));
    authority = CertificateAuthority.generate(Clock.systemUTC());
    proxy = ProxyServer.start(0, edge.url(), authority, CONSOLE::add);
    client = client(trusting(authority));
  }

  @AfterAll
  static void stop() {
    client.close();
    proxy.close();
    edge.close();
  }

  @Test
  void connect_awsHostWithHardCodedRegion_tlsAnsweredAndRequestReachesTheEdgeUnchanged()
      throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("https://dynamodb.eu-west-1.amazonaws.com/"))
                .header(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=ASIAKEY/20261207/eu-west-1/dynamodb/aws4_request")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"method\":\"POST\"", "\"path\":\"/\"", "\"body\":\"{}\"")
        .contains("Credential=ASIAKEY/20261207/eu-west-1/dynamodb/aws4_request");
    assertThat(proxy.connectionsByHost()).containsKey("dynamodb.eu-west-1.amazonaws.com");
  }

  @Test
  void connect_severalRequestsOnOneConnection_keptAlive() throws Exception {
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("https://events.us-west-2.amazonaws.com/n" + i))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.body()).contains("\"path\":\"/n" + i + "\"");
    }

    assertThat(proxy.connectionsByHost()).containsEntry("events.us-west-2.amazonaws.com", 1L);
  }

  @Test
  void plainHttp_absoluteUriForAwsHost_forwardedToTheEdge() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://sqs.ap-northeast-1.amazonaws.com/?Action=ListQueues"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"path\":\"/\"", "\"query\":\"Action=ListQueues\"");
  }

  @Test
  void plainHttp_loopbackTarget_passedThrough() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(edge.url().resolve("/direct")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.body()).contains("\"path\":\"/direct\"");
  }

  @Test
  void connect_nonAwsHost_refusedWith403NamingItAndLoggedOnce() throws Exception {
    String first = rawExchange("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
    String second =
        rawExchange("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");

    assertThat(first)
        .startsWith("HTTP/1.1 403 Forbidden\r\n")
        .contains("refused CONNECT example.com:443")
        .contains("contacts nothing outside this machine");
    assertThat(second).startsWith("HTTP/1.1 403 ");
    assertThat(CONSOLE)
        .filteredOn(line -> line.contains("example.com"))
        .containsExactly(
            "proxy: refused CONNECT example.com:443 from a function instance: not an AWS host,"
                + " and the local cloud contacts nothing outside this machine");
    assertThat(proxy.connectionsByHost()).doesNotContainKey("example.com");
  }

  @Test
  void plainHttp_nonAwsHost_refused() throws Exception {
    String answer = rawExchange("GET http://example.org/ HTTP/1.1\r\nHost: example.org\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 403 ").contains("refused GET example.org:80");
  }

  @Test
  void request_notAProxyRequest_400WithOneLine() throws Exception {
    String answer = rawExchange("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");

    assertThat(answer)
        .startsWith("HTTP/1.1 400 Bad Request\r\n")
        .endsWith(
            "The local cloud's proxy cannot read this request: a proxy request needs an absolute"
                + " http:// URI (or CONNECT for https), got '/hello'\n");
  }

  @Test
  void connect_clientNotTrustingTheAuthority_handshakeFailsAndIsReported() throws Exception {
    try (HttpClient untrusting = client(SSLContext.getDefault())) {
      assertThatThrownBy(() ->
              untrusting.send(
                  HttpRequest.newBuilder(URI.create("https://lambda.eu-central-1.amazonaws.com/"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);
    }
    // The client gives up on the handshake before the proxy's side of it fails.
    awaitConsoleLine(
        "proxy: TLS with a function instance for lambda.eu-central-1.amazonaws.com failed");
  }

  @Test
  void close_afterClose_portReleasedAndTrustStoreDeleted() throws Exception {
    ProxyServer other = ProxyServer.start(0, edge.url(), authority, line -> {});
    int port = other.port();
    var trustStore = other.trustStore();

    other.close();

    assertThat(trustStore).doesNotExist();
    // Bound again, not connected to: a connection to a free port in the ephemeral range can meet
    // itself (TCP simultaneous open, the client given that very port) and look like a listener.
    // Waited for: a freed ephemeral port may be lent for a moment as another test's client port.
    dev.idem.local.Await.until(
        "port " + port + " to be free after close", Duration.ofSeconds(10), () -> canBind(port));
  }

  private static boolean canBind(int port) {
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return again.getLocalPort() == port;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void trustStore_authorityStillInTheMaking_waitsForIt() throws Exception {
    var later = new java.util.concurrent.CompletableFuture<CertificateAuthority>();
    try (ProxyServer other = ProxyServer.start(0, edge.url(), later, line -> {})) {
      var trustStore = java.util.concurrent.CompletableFuture.supplyAsync(other::trustStore);

      later.complete(authority);

      assertThat(trustStore.get(10, java.util.concurrent.TimeUnit.SECONDS)).isRegularFile();
    }
  }

  @Test
  void trustStore_authorityFailed_illegalStateNamingTheCause() {
    var failed =
        java.util.concurrent.CompletableFuture.<CertificateAuthority>failedFuture(
            new IllegalStateException("no EC"));
    try (ProxyServer other = ProxyServer.start(0, edge.url(), failed, line -> {})) {
      assertThatThrownBy(other::trustStore)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("The proxy's trust store could not be made")
          .hasRootCauseMessage("no EC");
    }
  }

  private static void awaitConsoleLine(String prefix) throws InterruptedException {
    dev.idem.local.Await.until(
        "a console line starting with '" + prefix + "'",
        Duration.ofSeconds(10),
        () -> CONSOLE.stream().anyMatch(line -> line.startsWith(prefix)));
  }

  private static String rawExchange(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static HttpClient client(SSLContext ssl) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
        .sslContext(ssl)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static SSLContext trusting(CertificateAuthority ca) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
