package dev.idem.bench;

import dev.idem.testing.LocalAccount;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * What the edge costs a DynamoDB call: the same {@code GetItem} through the edge port and straight
 * to DynamoDB Local's own port, taking turns (which goes first alternates), after a warm-up of
 * both. Medians, and their ratio.
 */
final class EdgeOverhead {

  /**
   * @param calls measured calls on each path
   * @param edgeMedianMicros median latency through the edge
   * @param directMedianMicros median latency straight to DynamoDB Local
   */
  record Result(int calls, double edgeMedianMicros, double directMedianMicros) {

    /** Edge median over direct median. */
    double ratio() {
      return edgeMedianMicros / directMedianMicros;
    }
  }

  private EdgeOverhead() {}

  /**
   * A DynamoDB client for {@code endpoint} as the benchmarks' clients are: URL-connection HTTP
   * client, dummy credentials, us-east-1.
   */
  static DynamoDbClient client(URI endpoint, ExecutionInterceptor... interceptors) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(LocalAccount.SDK_REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(10)))
        .overrideConfiguration(o -> o.executionInterceptors(Arrays.asList(interceptors)))
        .build();
  }

  /**
   * Runs {@code warmup} then {@code calls} requests on each path.
   *
   * @throws IllegalArgumentException when {@code calls} is not positive
   */
  static Result measure(
      DynamoDbClient viaEdge,
      DynamoDbClient direct,
      GetItemRequest request,
      int warmup,
      int calls) {
    if (calls < 1) {
      throw new IllegalArgumentException("Need at least one call, got " + calls);
    }
    for (int i = 0; i < warmup; i++) {
      viaEdge.getItem(request);
      direct.getItem(request);
    }
    double[] edge = new double[calls];
    double[] straight = new double[calls];
    for (int i = 0; i < calls; i++) {
      if (i % 2 == 0) {
        edge[i] = micros(viaEdge, request);
        straight[i] = micros(direct, request);
      } else {
        straight[i] = micros(direct, request);
        edge[i] = micros(viaEdge, request);
      }
    }
    return new Result(calls, Stats.median(edge), Stats.median(straight));
  }

  private static double micros(DynamoDbClient client, GetItemRequest request) {
    long begin = System.nanoTime();
    client.getItem(request);
    return (System.nanoTime() - begin) / 1_000.0;
  }
}
