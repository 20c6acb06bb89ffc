package dev.idem.local.lambda;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The proxy every instance's JVM is pointed at, with the trust store that makes it trust the
 * proxy's certificates: through the JVM's standard proxy properties (which SDK v1 and the SDK v2's
 * Apache and URL-connection clients read) and the {@code HTTPS_PROXY}-style variables, calls that
 * an SDK sends to {@code *.amazonaws.com} reach the local cloud even where the SDK ignores {@code
 * AWS_ENDPOINT_URL}. Loopback stays direct ({@code http.nonProxyHosts}).
 *
 * @param port the proxy's port on 127.0.0.1
 * @param trustStore a JKS trust store holding the certificate authority the proxy signs with; asked
 *     for at each instance's start, which waits while it is still being written
 * @param trustStorePassword its password
 * @param hostsFile the only names the instance's JVM resolves ({@code jdk.net.hosts.file}: this
 *     machine's), so that a client bypassing the proxy cannot reach AWS itself; null for the
 *     system's resolver
 */
public record InstanceProxy(
    int port, Supplier<Path> trustStore, String trustStorePassword, Path hostsFile) {

  /** Hosts every client reaches directly: the JDK's default, written out for the SDKs' parsers. */
  static final String NON_PROXY_HOSTS = "localhost|127.*|[::1]|0.0.0.0|[::0]";

  /** Checks the components. */
  public InstanceProxy {
    Objects.requireNonNull(trustStore, "trustStore");
    Objects.requireNonNull(trustStorePassword, "trustStorePassword");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("proxy port " + port + " is outside 1..65535");
    }
  }

  /** The instance JVM's system properties, as {@code -D} options. */
  List<String> jvmOptions() {
    List<String> options = new ArrayList<>();
    if (hostsFile != null) {
      options.add("-Djdk.net.hosts.file=" + hostsFile.toAbsolutePath());
    }
    options.addAll(
        List.of(
            "-Dhttps.proxyHost=127.0.0.1",
            "-Dhttps.proxyPort=" + port,
            "-Dhttp.proxyHost=127.0.0.1",
            "-Dhttp.proxyPort=" + port,
            "-Dhttp.nonProxyHosts=" + NON_PROXY_HOSTS,
            "-Djavax.net.ssl.trustStore=" + trustStore.get().toAbsolutePath(),
            "-Djavax.net.ssl.trustStorePassword=" + trustStorePassword,
            "-Djavax.net.ssl.trustStoreType=JKS"));
    return options;
  }

  /** The proxy variables of the instance's environment (a function's own values win). */
  Map<String, String> environment() {
    String url = "http://127.0.0.1:" + port;
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HTTPS_PROXY", url);
    env.put("HTTP_PROXY", url);
    env.put("NO_PROXY", "localhost,127.0.0.1,::1");
    return env;
  }
}
