package dev.idem.functions.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.testing.CallCounter;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.LocalAccount;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Priming makes its SDK calls offline: no connection, no call on the function's client. */
@ExtendWith(DynamoDbLocalExtension.class)
class PrimingIT {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @Test
  void dynamoDbAndEventBridge_everyCall_answeredOfflineWithoutConnecting()
      throws IOException, InterruptedException {
    try (ServerSocketChannel endpoint = ServerSocketChannel.open()) {
      endpoint.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      endpoint.configureBlocking(false);
      AwsSettings settings =
          settings(URI.create("http://127.0.0.1:" + endpoint.socket().getLocalPort()));

      Priming priming = Priming.start(PrimingCalls::orderEvents);
      priming.dynamoDb(settings, PrimingCalls.DynamoDb.values()).close();
      priming.eventBridge(settings).close();

      assertThat(priming.await(DEADLINE)).isTrue();
      assertThat(priming.failures()).isEmpty();
      assertThat(priming.offlineRequests()).isEqualTo(PrimingCalls.DynamoDb.values().length + 1);
      // A connection attempt would be queued on the listening socket, accepted or not.
      assertThat(endpoint.accept()).isNull();
    }
  }

  @Test
  void dynamoDb_functionsClient_isNeverCalledAndTheTableStaysEmpty(DynamoDbLocal dynamoDb)
      throws InterruptedException {
    CallCounter calls = new CallCounter();
    try (DynamoDbClient admin = dynamoDb.client();
        DynamoDbClient function = dynamoDb.client(calls)) {
      createPrimingTable(admin);
      try {
        Priming priming = Priming.start(PrimingCalls::json);
        priming.dynamoDb(function, settings(dynamoDb.endpoint()), PrimingCalls.DynamoDb.values());

        assertThat(priming.await(DEADLINE)).isTrue();
        assertThat(priming.failures()).isEmpty();
        assertThat(priming.offlineRequests()).isEqualTo(PrimingCalls.DynamoDb.values().length);
        assertThat(calls.total()).isZero();
        assertThat(admin.scan(r -> r.tableName(PrimingCalls.TABLE)).count()).isZero();
      } finally {
        admin.deleteTable(r -> r.tableName(PrimingCalls.TABLE));
      }
    }
  }

  private static AwsSettings settings(URI endpoint) {
    return new AwsSettings(LocalAccount.SDK_REGION, endpoint, true);
  }

  /** The table the priming requests name, so that a request that escaped would land in it. */
  private static void createPrimingTable(DynamoDbClient admin) {
    admin.createTable(r ->
        r.tableName(PrimingCalls.TABLE)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(
                AttributeDefinition.builder()
                    .attributeName("id")
                    .attributeType(ScalarAttributeType.S)
                    .build())
            .keySchema(
                KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
  }
}
