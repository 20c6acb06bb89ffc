package dev.idem.functions.orders;

import static dev.idem.functions.orders.OrderFixtures.BODY;
import static dev.idem.functions.orders.OrderFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.idem.functions.testkit.LocalCredentials;
import dev.idem.functions.testkit.ReferenceTables;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The handlers wired as Lambda wires them, from nothing but an environment: table names and {@code
 * AWS_ENDPOINT_URL} pointing at DynamoDB Local.
 */
@ExtendWith({DynamoDbLocalExtension.class, LocalCredentials.class})
class OrderHandlersFromEnvironmentIT {

  private static ReferenceTables tables;
  private static Map<String, String> environment;

  @BeforeAll
  static void createTables(DynamoDbLocal db) {
    tables = ReferenceTables.create(db.client());
    environment = tables.environment(db.endpoint());
  }

  @AfterAll
  static void dropTables() {
    tables.drop();
    tables.dynamo().close();
  }

  @Test
  void handlers_fromEnvironment_placeThenGetTheOrder() {
    PlaceOrderHandler place = new PlaceOrderHandler(environment);
    GetOrderHandler get = new GetOrderHandler(environment);

    APIGatewayProxyResponseEvent placed =
        place.handleRequest(OrderFixtures.post(UUID.randomUUID().toString(), BODY), null);
    String orderId = json(placed.getBody()).get("orderId").asText();
    APIGatewayProxyRequestEvent read =
        EventLoader.loadApiGatewayRestEvent(OrderFixtures.SAMPLES + "get-order.json")
            .withPathParameters(Map.of("orderId", orderId));
    APIGatewayProxyResponseEvent found = get.handleRequest(read, null);

    assertThat(placed.getStatusCode()).isEqualTo(201);
    assertThat(found.getStatusCode()).isEqualTo(200);
    assertThat(json(found.getBody()).get("total")).isEqualTo(json(placed.getBody()).get("total"));
    assertThat(OrderFixtures.idempotencyRecords(tables)).isEqualTo(1);
  }
}
