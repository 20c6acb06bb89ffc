package dev.idem.functions.common;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Builds the functions' AWS clients, once per container: the URL-connection HTTP client (the
 * fastest to start), explicit timeouts, and the SDK's standard retry strategy — at most three
 * attempts with jittered exponential backoff — so no call waits forever and none retries without
 * bound.
 */
public final class AwsClients {

  /** Connection set-up; loopback and in-region endpoints answer in milliseconds. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

  /** One attempt, from request to the last byte of the response. */
  static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

  /** All attempts of one call, backoff included. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);

  private AwsClients() {}

  /** A DynamoDB client. */
  public static DynamoDbClient dynamoDb(AwsSettings settings) {
    return online(DynamoDbClient.builder(), settings, AwsSettings.DYNAMODB).build();
  }

  /** An EventBridge client. */
  public static EventBridgeClient eventBridge(AwsSettings settings) {
    return online(EventBridgeClient.builder(), settings, AwsSettings.EVENTBRIDGE).build();
  }

  /**
   * A DynamoDB client set up as {@link #dynamoDb} sets up the function's, over {@code http} and
   * fixed placeholder credentials instead of the network and the function's (priming).
   */
  static DynamoDbClient offlineDynamoDb(AwsSettings settings, OfflineHttpClient http) {
    return offline(DynamoDbClient.builder(), settings, AwsSettings.DYNAMODB, http).build();
  }

  /** An EventBridge client over {@code http}, as {@link #offlineDynamoDb}. */
  static EventBridgeClient offlineEventBridge(AwsSettings settings, OfflineHttpClient http) {
    return offline(EventBridgeClient.builder(), settings, AwsSettings.EVENTBRIDGE, http).build();
  }

  private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B online(
      B builder, AwsSettings settings, String service) {
    return configure(builder, settings, service)
        .credentialsProvider(credentials(settings))
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(ATTEMPT_TIMEOUT));
  }

  private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B offline(
      B builder, AwsSettings settings, String service, OfflineHttpClient http) {
    return configure(builder, settings, service)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
        .httpClient(http);
  }

  private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, AwsSettings settings, String service) {
    builder
        .region(settings.region())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(CALL_TIMEOUT)
                .retryStrategy(RetryMode.STANDARD)
                .build());
    settings.endpointOverride(service).ifPresent(builder::endpointOverride);
    return builder;
  }

  private static AwsCredentialsProvider credentials(AwsSettings settings) {
    // In Lambda the credentials are in the environment; skipping the provider chain saves
    // cold-start time.
    return settings.environmentCredentials()
        ? EnvironmentVariableCredentialsProvider.create()
        : DefaultCredentialsProvider.builder().build();
  }
}
