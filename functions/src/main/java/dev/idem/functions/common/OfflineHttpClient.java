package dev.idem.functions.common;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client with no network: it reads each request's body and answers {@code 200} with the
 * JSON body {@code {}}, as an AWS JSON-protocol service answers a call that returns nothing. The
 * priming clients use it, so that a priming call runs the SDK's whole request and response path and
 * cannot reach a table.
 */
final class OfflineHttpClient implements SdkHttpClient {

  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

  private final AtomicInteger requests = new AtomicInteger();

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        requests.incrementAndGet();
        Optional<InputStream> body = request.contentStreamProvider().map(p -> p.newStream());
        if (body.isPresent()) {
          try (InputStream in = body.get()) {
            in.transferTo(OutputStream.nullOutputStream());
          }
        }
        return response();
      }

      @Override
      public void abort() {}
    };
  }

  /** How many requests it answered. */
  int requests() {
    return requests.get();
  }

  private static HttpExecuteResponse response() {
    return HttpExecuteResponse.builder()
        .response(
            SdkHttpResponse.builder()
                .statusCode(200)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("Content-Length", Integer.toString(EMPTY_OBJECT.length))
                .build())
        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(EMPTY_OBJECT)))
        .build();
  }

  @Override
  public String clientName() {
    return "Offline";
  }

  @Override
  public void close() {}
}
