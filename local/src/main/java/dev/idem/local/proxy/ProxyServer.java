package dev.idem.local.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.idem.local.http.HttpEndpoint;
import dev.idem.local.http.PortInUseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;

/**
 * The HTTP proxy that function instances use (through the JVM's standard proxy settings), so that
 * an SDK that ignores {@code AWS_ENDPOINT_URL} (SDK v2 before 2.28, SDK v1), whatever region it
 * names, still reaches the local cloud: for an AWS host ({@link AwsHosts#isAws(String)}), {@code
 * CONNECT host:443} is answered with a TLS handshake under a certificate for that host from the
 * run's {@link CertificateAuthority}, and the decrypted stream, as a plain {@code http://} request
 * for an AWS host, goes to the edge unchanged. The edge routes by the request's signature (the
 * service of its credential scope), not its {@code Host} header, and its backends do not split data
 * by region, so a hard-coded {@code eu-west-1} reaches the same tables, queues and buses. Requests
 * keep their access key id, so the edge still knows which instance made a call.
 *
 * <p>Loopback targets (the Runtime API, stubs, the edge itself) are passed through; every other
 * host is refused with a 403 whose body names it, and logged once per host: the local cloud
 * contacts nothing outside this machine. It listens on 127.0.0.1 only.
 *
 * {@snippet :
 * CertificateAuthority authority = CertificateAuthority.generate(Clock.systemUTC());
 * try (ProxyServer proxy = ProxyServer.start(0, edge.url(), authority, System.out::println)) {
 *   // java -Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=<proxy.port()>
 *   //      -Djavax.net.ssl.trustStore=<proxy.trustStore()> ...
 * }
 * }
 */
public final class ProxyServer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ProxyServer.class.getName());
  private static final int HEAD_TIMEOUT_MS = 30_000;

  private final ServerSocket server;
  private final InetSocketAddress edge;
  private final CompletableFuture<CertificateAuthority> authority;
  private final Path folder;
  private final CompletableFuture<Path> trustStore = new CompletableFuture<>();
  private final Path hostsFile;
  private final Consumer<String> console;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile Thread acceptor;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();
  private final Map<String, LongAdder> connections = new ConcurrentHashMap<>();

  private ProxyServer(
      ServerSocket server,
      InetSocketAddress edge,
      CompletableFuture<CertificateAuthority> authority,
      Path folder,
      Consumer<String> console)
      throws IOException {
    this.server = server;
    this.edge = edge;
    this.authority = authority;
    this.folder = folder;
    this.console = console;
    this.hostsFile =
        Files.writeString(folder.resolve("hosts"), hostsFileContent(machineName()), UTF_8);
  }

  /**
   * Starts the proxy with an authority already made; see {@link #start(int, URI, CompletableFuture,
   * Consumer)}.
   */
  public static ProxyServer start(
      int port, URI edge, CertificateAuthority authority, Consumer<String> console) {
    return start(port, edge, CompletableFuture.completedFuture(authority), console);
  }

  /**
   * Starts the proxy on {@code 127.0.0.1:port} (0 picks a free port), sending AWS hosts' requests
   * to {@code edge} ({@code http://host:port}). The authority may still be in the making: the trust
   * store that instances need is written once it is, in the background, into a folder of the
   * proxy's own that {@link #close()} deletes; {@link #trustStore()} waits for it.
   *
   * @param console receives one line per refused host and per failed TLS handshake, once each
   * @throws PortInUseException when the port is taken
   * @throws IllegalArgumentException when {@code edge} is not an {@code http://host:port} URL
   * @throws UncheckedIOException when the proxy's folder cannot be made
   */
  public static ProxyServer start(
      int port,
      URI edge,
      CompletableFuture<CertificateAuthority> authority,
      Consumer<String> console) {
    if (!"http".equals(edge.getScheme()) || edge.getHost() == null || edge.getPort() < 0) {
      throw new IllegalArgumentException("The proxy needs an http://host:port edge, got " + edge);
    }
    ServerSocket server;
    try {
      server = new ServerSocket(port, 128, InetAddress.getByName(HttpEndpoint.LOOPBACK));
    } catch (BindException e) {
      throw new PortInUseException("proxy", port, e);
    } catch (IOException e) {
      throw new UncheckedIOException("The proxy could not start on port " + port, e);
    }
    try {
      Path folder = Files.createTempDirectory("idem-proxy-");
      String host = edge.getHost().replace("[", "").replace("]", "");
      ProxyServer proxy =
          new ProxyServer(
              server, new InetSocketAddress(host, edge.getPort()), authority, folder, console);
      Thread.ofVirtual().name("idem-proxy-trust-store").start(proxy::writeTrustStore);
      proxy.acceptor = Thread.ofVirtual().name("idem-proxy-accept").start(proxy::acceptLoop);
      return proxy;
    } catch (IOException | RuntimeException e) {
      closeQuietly(server);
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.getLocalPort();
  }

  /** Its URL, {@code http://127.0.0.1:<port>}. */
  public URI url() {
    return URI.create("http://" + HttpEndpoint.LOOPBACK + ":" + port());
  }

  /**
   * The trust store ({@link CertificateAuthority#TRUST_STORE_TYPE}) holding the run's CA
   * certificate (password {@link CertificateAuthority#TRUST_STORE_PASSWORD}), once written.
   *
   * @throws IllegalStateException when the authority or the trust store could not be made
   */
  public Path trustStore() {
    try {
      return trustStore.join();
    } catch (CompletionException e) {
      throw new IllegalStateException("The proxy's trust store could not be made", e.getCause());
    }
  }

  /**
   * A hosts file for the instances' JVMs ({@code -Djdk.net.hosts.file}) naming only this machine:
   * with it, a client that bypasses the proxy (SDK v2's Netty client without a proxy configuration)
   * cannot resolve an AWS host, so it fails at once instead of calling AWS itself.
   */
  public Path hostsFile() {
    return hostsFile;
  }

  /** The hosts file: localhost and this machine's name on loopback, nothing else. */
  static String hostsFileContent(String machineName) {
    String header =
        "# The local cloud's function instances resolve only these names: every other host is"
            + " reached through\n# its proxy, which answers AWS hosts from the edge and refuses"
            + " the rest.\n";
    String local = "127.0.0.1 localhost\n::1 localhost ip6-localhost\n";
    boolean named =
        machineName != null && AwsHosts.isDnsName(machineName) && !machineName.equals("localhost");
    return header + local + (named ? "127.0.0.1 " + machineName + "\n" : "");
  }

  /** The kernel's host name, which {@code InetAddress.getLocalHost()} looks up; null if unknown. */
  private static String machineName() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname"), UTF_8)
          .strip()
          .toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      return null;
    }
  }

  private void writeTrustStore() {
    try {
      trustStore.complete(authority.join().writeTrustStore(folder.resolve("trust-store.jks")));
    } catch (RuntimeException e) {
      trustStore.completeExceptionally(e instanceof CompletionException ? e.getCause() : e);
    }
  }

  /** How many connections it has accepted for each target host it serves, by host. */
  public Map<String, Long> connectionsByHost() {
    Map<String, Long> counts = new TreeMap<>();
    connections.forEach((host, count) -> counts.put(host, count.sum()));
    return counts;
  }

  /**
   * Stops listening, closes every connection and deletes the trust store. The port is free when it
   * returns: a socket closed while a thread is blocked accepting on it is released only once that
   * thread has left {@code accept} (one run saw the port still bound right after close).
   */
  @Override
  public void close() {
    closeQuietly(server);
    Thread accepting = acceptor;
    if (accepting != null) {
      try {
        if (!accepting.join(java.time.Duration.ofSeconds(5))) {
          LOG.log(System.Logger.Level.WARNING, "The proxy's accept loop did not stop within 5 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    open.forEach(ProxyServer::closeQuietly);
    trustStore.whenComplete((file, error) -> deleteFolder()); // at once, or once it is written
  }

  private void deleteFolder() {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "Cannot delete " + folder, e);
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        Thread.ofVirtual().name("idem-proxy").start(() -> serveAndClose(client));
      } catch (IOException e) {
        if (!server.isClosed()) {
          LOG.log(System.Logger.Level.WARNING, "The proxy could not accept a connection", e);
        }
      }
    }
  }

  private void serveAndClose(Socket client) {
    try (client) {
      client.setTcpNoDelay(true);
      client.setSoTimeout(HEAD_TIMEOUT_MS);
      RequestHead head = RequestHead.read(client.getInputStream());
      client.setSoTimeout(0);
      if (head != null) {
        serve(client, head);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "Proxy connection ended", e);
    } finally {
      open.remove(client);
    }
  }

  private void serve(Socket client, RequestHead head) throws IOException {
    ProxyRequest request;
    try {
      request = ProxyRequest.parse(head.requestLine());
    } catch (IllegalArgumentException e) {
      answer(
          client,
          400,
          "Bad Request",
          "The local cloud's proxy cannot read this request: " + e.getMessage());
      return;
    }
    boolean aws = AwsHosts.isAws(request.host());
    if (!aws && !AwsHosts.isLoopback(request.host())) {
      refuse(client, request);
      return;
    }
    connections.computeIfAbsent(request.host(), host -> new LongAdder()).increment();
    InetSocketAddress target = aws ? edge : new InetSocketAddress(request.host(), request.port());
    try (Socket backend = connect(client, target, request)) {
      if (backend == null) {
        return;
      }
      if (!request.tunnel()) {
        Relay.run(client, backend, head.all());
        return;
      }
      write(client.getOutputStream(), "HTTP/1.1 200 Connection established\r\n\r\n");
      Relay.run(aws ? tls(client, head, request) : client, backend, head.leftover());
    }
  }

  /** Ends the TLS handshake for an AWS host, as that host: the client sees its own certificate. */
  private Socket tls(Socket client, RequestHead head, ProxyRequest request) throws IOException {
    SSLSocket tls =
        (SSLSocket)
            authority
                .join()
                .serverContext(request.host())
                .getSocketFactory()
                .createSocket(client, new ByteArrayInputStream(head.leftover()), true);
    try {
      tls.startHandshake();
    } catch (IOException e) {
      report(
          "tls " + request.host(),
          "proxy: TLS with a function instance for "
              + request.host()
              + " failed ("
              + e.getMessage()
              + "); a client with its own trust store or trust manager does not trust the local"
              + " cloud's CA");
      throw e;
    }
    return tls;
  }

  private Socket connect(Socket client, InetSocketAddress target, ProxyRequest request)
      throws IOException {
    try {
      Socket backend = new Socket();
      backend.connect(target, 5_000);
      backend.setTcpNoDelay(true);
      return backend;
    } catch (IOException e) {
      answer(
          client,
          502,
          "Bad Gateway",
          "The local cloud's proxy could not reach "
              + target
              + " for "
              + request.authority()
              + ": "
              + e.getMessage());
      return null;
    }
  }

  private void refuse(Socket client, ProxyRequest request) throws IOException {
    String what = (request.tunnel() ? "CONNECT " : request.method() + " ") + request.authority();
    report(
        "refused " + request.host(),
        "proxy: refused "
            + what
            + " from a function instance: not an AWS host, and the local cloud contacts nothing"
            + " outside this machine");
    answer(
        client,
        403,
        "Forbidden",
        "The local cloud's proxy refused "
            + what
            + ": the local cloud contacts nothing outside this machine. It answers AWS service"
            + " hosts (*.amazonaws.com, *.amazonaws.com.cn, *.api.aws) from its edge and passes"
            + " loopback through; no other host is reachable from a function instance.");
  }

  private void report(String key, String line) {
    if (reported.add(key)) {
      console.accept(line);
    }
  }

  private static void answer(Socket client, int status, String reason, String message)
      throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    write(
        client.getOutputStream(),
        "HTTP/1.1 "
            + status
            + " "
            + reason
            + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n");
    client.getOutputStream().write(body);
    client.getOutputStream().flush();
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // closing: nothing to do
    }
  }
}
