package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.edge.LocalAws;
import dev.idem.testing.CallCounter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class EdgeOverheadIT {

  private static final String TABLE = "edge_overhead_it";
  private static LocalAws aws;

  @BeforeAll
  static void start() {
    aws = Quietly.start(() -> LocalAws.start(0));
    aws.router().markReady();
    DynamoDbClient dynamo = aws.clients().dynamoDb();
    dynamo.createTable(r ->
        r.tableName(TABLE)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
            .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
    dynamo.putItem(r -> r.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS("a"))));
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  @Test
  void measure_bothPaths_callsEachTheSameNumberOfTimesAndReportsMedians() {
    CallCounter edgeCalls = new CallCounter();
    CallCounter directCalls = new CallCounter();
    GetItemRequest request =
        GetItemRequest.builder()
            .tableName(TABLE)
            .key(Map.of("pk", AttributeValue.fromS("a")))
            .build();

    EdgeOverhead.Result result;
    try (DynamoDbClient edge = EdgeOverhead.client(aws.edgeUrl(), edgeCalls);
        DynamoDbClient direct = EdgeOverhead.client(aws.dynamoDbEndpoint(), directCalls)) {
      assertThat(edge.getItem(request).item())
          .isEqualTo(direct.getItem(request).item())
          .isNotEmpty();
      result = EdgeOverhead.measure(edge, direct, request, 5, 20);
    }

    assertThat(edgeCalls.count("GetItem")).isEqualTo(26);
    assertThat(directCalls.count("GetItem")).isEqualTo(26);
    assertThat(result.calls()).isEqualTo(20);
    assertThat(result.edgeMedianMicros()).isPositive();
    assertThat(result.directMedianMicros()).isPositive();
    assertThat(result.ratio()).isEqualTo(result.edgeMedianMicros() / result.directMedianMicros());
  }
}
