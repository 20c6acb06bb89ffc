package dev.idem.idempotency.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.idem.idempotency.TransactionWrites;
import dev.idem.testing.CallCounter;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.TestLambdaContext;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Single-transaction HTTP handling against DynamoDB Local: one TransactWriteItems per request. */
@ExtendWith(DynamoDbLocalExtension.class)
class HttpSingleTransactionIT {

  private static final String ORDERS = "http-single-tx-orders";
  private static final CallCounter CALLS = new CallCounter();
  private static DynamoDbClient dynamo;
  private static LocalTables table;
  private static BothFormats http;

  private final TestLambdaContext context = TestLambdaContext.thirtySecondsLeft();

  @BeforeAll
  static void createTables(DynamoDbLocal db) {
    dynamo = db.client();
    table = LocalTables.create(db.client(CALLS), "http-single-tx-idempotency");
    http =
        BothFormats.configured(
            table.idempotency("orders"), b -> b.retryWhenStatus(status -> status >= 400));
    dynamo.createTable(r ->
        r.tableName(ORDERS)
            .keySchema(
                KeySchemaElement.builder().attributeName("orderId").keyType(KeyType.HASH).build())
            .attributeDefinitions(
                AttributeDefinition.builder()
                    .attributeName("orderId")
                    .attributeType(ScalarAttributeType.S)
                    .build())
            .billingMode(BillingMode.PAY_PER_REQUEST));
  }

  @AfterAll
  static void dropTables() {
    dynamo.deleteTable(r -> r.tableName(ORDERS));
    dynamo.close();
    table.close();
  }

  @Test
  void handleInSingleTransaction_deliveredTwice_oneOrderOneTransactionAndAReplay() {
    APIGatewayProxyRequestEvent request = request(UUID.randomUUID().toString());
    CALLS.reset();

    APIGatewayProxyResponseEvent first =
        http.handleInSingleTransaction(request, context, this::place);
    APIGatewayProxyResponseEvent replay =
        http.handleInSingleTransaction(request, context, this::place);

    String orderId = first.getHeaders().get("Location").substring("/orders/".length());
    assertThat(orderExists(orderId)).isTrue();
    assertThat(replay.getBody()).isEqualTo(first.getBody());
    assertThat(replay.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(CALLS.snapshot()).containsExactly(Map.entry("TransactWriteItems", 2L));
  }

  @Test
  void handleInSingleTransaction_refusedRequest_writesNothingAtAll() {
    CALLS.reset();

    APIGatewayProxyResponseEvent refused =
        http.handleInSingleTransaction(
            request(UUID.randomUUID().toString()),
            context,
            (r, writes) -> new APIGatewayProxyResponseEvent().withStatusCode(422));

    assertThat(refused.getStatusCode()).isEqualTo(422);
    assertThat(CALLS.total()).isZero();
  }

  private APIGatewayProxyResponseEvent place(
      APIGatewayProxyRequestEvent request, TransactionWrites writes) {
    String orderId = UUID.randomUUID().toString();
    writes.put(
        Put.builder()
            .tableName(ORDERS)
            .item(Map.of("orderId", AttributeValue.fromS(orderId)))
            .conditionExpression("attribute_not_exists(orderId)")
            .build());
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(201)
        .withHeaders(Map.of("Location", "/orders/" + orderId))
        .withBody("{\"orderId\":\"" + orderId + "\"}");
  }

  private static boolean orderExists(String orderId) {
    return dynamo
        .getItem(r ->
            r.tableName(ORDERS)
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                .consistentRead(true))
        .hasItem();
  }

  private static APIGatewayProxyRequestEvent request(String key) {
    APIGatewayProxyRequestEvent request = Fixtures.restRequest();
    request.setHeaders(Map.of("Content-Type", "application/json", "Idempotency-Key", key));
    request.setMultiValueHeaders(null);
    return request;
  }
}
