package dev.idem.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** What the in-process servers share: a free port, and clients set up to reach them. */
final class LoopbackServers {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private LoopbackServers() {}

  /** A loopback port free at the time of the call. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code builder} pointed at {@code endpoint}, with dummy credentials, the URL-connection HTTP
   * client with {@code socketTimeout}, a 30 s call timeout and {@code interceptors}.
   */
  static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B client(
      B builder, URI endpoint, Duration socketTimeout, ExecutionInterceptor... interceptors) {
    builder.httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(socketTimeout));
    return builder
        .endpointOverride(endpoint)
        .region(LocalAccount.SDK_REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .executionInterceptors(List.of(interceptors))
                .apiCallTimeout(CALL_TIMEOUT)
                .build());
  }
}
