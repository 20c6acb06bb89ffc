package dev.idem.local.aws;

import dev.idem.testing.LocalAccount;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients for one AWS-compatible endpoint (the local edge, LocalStack, anything {@code
 * AWS_ENDPOINT_URL} names), with the URL-connection HTTP client and explicit timeouts. Closing it
 * closes all four.
 *
 * {@snippet :
 * try (AwsClients aws = AwsClients.create(URI.create("http://127.0.0.1:4566"))) {
 *   aws.dynamoDb().listTables();
 * }
 * }
 *
 * @param dynamoDb DynamoDB
 * @param streams DynamoDB Streams
 * @param sqs SQS (socket timeout 25 s, for long polls of up to 20 s)
 * @param events EventBridge
 */
public record AwsClients(
    DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, SqsClient sqs, EventBridgeClient events)
    implements AutoCloseable {

  /**
   * Clients for {@code endpoint} in the {@link LocalAccount}'s region with the dummy credentials
   * {@code local/local}.
   */
  public static AwsClients create(URI endpoint) {
    return create(
        endpoint,
        LocalAccount.SDK_REGION,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
  }

  /** Clients for {@code endpoint} in {@code region} with the given credentials. */
  public static AwsClients create(URI endpoint, Region region, AwsCredentialsProvider credentials) {
    ClientOverrideConfiguration timeouts =
        ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(30)).build();
    return new AwsClients(
        DynamoDbClient.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(http(Duration.ofSeconds(10)))
            .overrideConfiguration(timeouts)
            .build(),
        DynamoDbStreamsClient.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(http(Duration.ofSeconds(10)))
            .overrideConfiguration(timeouts)
            .build(),
        SqsClient.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(http(Duration.ofSeconds(25)))
            .overrideConfiguration(timeouts)
            .build(),
        EventBridgeClient.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(http(Duration.ofSeconds(10)))
            .overrideConfiguration(timeouts)
            .build());
  }

  private static UrlConnectionHttpClient.Builder http(Duration socketTimeout) {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(5))
        .socketTimeout(socketTimeout);
  }

  /**
   * A queue URL lookup by queue ARN (its last part is the queue's name), cached: how destinations
   * and event sources that are given an ARN find the URL that SQS calls take.
   */
  public Function<String, String> queueUrls() {
    ConcurrentHashMap<String, String> urls = new ConcurrentHashMap<>();
    return arn ->
        urls.computeIfAbsent(
            arn,
            key ->
                sqs.getQueueUrl(r -> r.queueName(key.substring(key.lastIndexOf(':') + 1)))
                    .queueUrl());
  }

  @Override
  public void close() {
    dynamoDb.close();
    streams.close();
    sqs.close();
    events.close();
  }
}
