package dev.idem.functions.orders;

import static dev.idem.functions.orders.OrderFixtures.BODY;
import static dev.idem.functions.orders.OrderFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.idem.functions.testkit.ReferenceTables;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.TestClock;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Many copies of one request at once, across containers: one order, one response for all. */
@ExtendWith(DynamoDbLocalExtension.class)
class PlaceOrderConcurrencyIT {

  private static final int REQUESTS = 20;
  private static final int CONTAINERS = 4;
  private static final long DEADLINE_SECONDS = 30;

  private static ReferenceTables tables;
  private static final List<PlaceOrderHandler> handlers = new ArrayList<>();

  @BeforeAll
  static void createTables(DynamoDbClient dynamo) {
    tables = ReferenceTables.create(dynamo);
    TestClock clock = TestClock.atCurrentSecond();
    for (int i = 0; i < CONTAINERS; i++) {
      handlers.add(
          new PlaceOrderHandler(
              OrderFixtures.placeOrder(tables, dynamo, clock, new ByteArrayOutputStream())));
    }
  }

  @AfterAll
  static void dropTables() {
    tables.drop();
  }

  @Test
  void handleRequest_twentyIdenticalAtOnce_oneOrderAndEveryClientGetsIt() throws Exception {
    String key = UUID.randomUUID().toString();
    List<APIGatewayProxyResponseEvent> responses = sendAtOnce(key);

    List<APIGatewayProxyResponseEvent> created = new ArrayList<>();
    for (APIGatewayProxyResponseEvent response : responses) {
      // A client told to retry (409 in flight, 503 transaction conflict) retries with its key.
      assertThat(response.getStatusCode()).isIn(201, 409, 503);
      created.add(
          response.getStatusCode() == 201
              ? response
              : handlers.get(0).handleRequest(post(key, BODY), null));
    }

    assertThat(tables.orderCount()).isEqualTo(1);
    assertThat(OrderFixtures.idempotencyRecords(tables)).isEqualTo(1);
    assertThat(created).extracting(APIGatewayProxyResponseEvent::getStatusCode).containsOnly(201);
    assertThat(created)
        .extracting(APIGatewayProxyResponseEvent::getBody)
        .containsOnly(created.get(0).getBody());
    assertThat(created)
        .filteredOn(r -> !r.getHeaders().containsKey("Idempotent-Replayed"))
        .hasSize(1);
  }

  private static List<APIGatewayProxyResponseEvent> sendAtOnce(String key) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<APIGatewayProxyResponseEvent>> futures = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        PlaceOrderHandler handler = handlers.get(i % CONTAINERS);
        futures.add(
            pool.submit(() -> {
              start.await(DEADLINE_SECONDS, TimeUnit.SECONDS);
              return handler.handleRequest(post(key, BODY), null);
            }));
      }
      start.countDown();
      List<APIGatewayProxyResponseEvent> responses = new ArrayList<>();
      for (Future<APIGatewayProxyResponseEvent> future : futures) {
        responses.add(future.get(DEADLINE_SECONDS, TimeUnit.SECONDS));
      }
      return responses;
    } finally {
      pool.shutdownNow();
    }
  }
}
