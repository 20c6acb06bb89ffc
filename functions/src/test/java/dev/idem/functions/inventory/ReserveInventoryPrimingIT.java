package dev.idem.functions.inventory;

import static dev.idem.functions.testkit.OrderFixtures.attribute;
import static dev.idem.functions.testkit.OrderFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.idem.events.DomainEvent;
import dev.idem.events.OrderPlaced;
import dev.idem.functions.common.Priming;
import dev.idem.functions.testkit.LocalCredentials;
import dev.idem.functions.testkit.OrderFixtures;
import dev.idem.functions.testkit.ReferenceTables;
import dev.idem.functions.testkit.SqsEvents;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The handler as Lambda builds it, with its clients from the environment, when priming fails. */
@ExtendWith({DynamoDbLocalExtension.class, LocalCredentials.class})
class ReserveInventoryPrimingIT {

  private static ReferenceTables tables;
  private static Map<String, String> environment;

  @BeforeAll
  static void createTables(DynamoDbLocal dynamoDb) {
    tables = ReferenceTables.create(dynamoDb.client());
    environment = tables.environment(dynamoDb.endpoint());
  }

  @AfterAll
  static void dropTables() {
    tables.drop();
    tables.dynamo().close();
  }

  @Test
  void handleRequest_primingStepFailed_reservesTheOrder() throws InterruptedException {
    CountDownLatch failed = new CountDownLatch(1);
    Priming priming =
        Priming.start(() -> {
          failed.countDown();
          throw new IllegalStateException("priming broke");
        });
    ReserveInventoryHandler handler =
        new ReserveInventoryHandler(ReserveInventoryConfig.fromEnv(environment), priming);
    long stock = tables.stock("SKU-001");
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-001", 1));

    SQSBatchResponse response =
        handler.handleRequest(
            SqsEvents.batch(SqsEvents.message("m-1", SqsEvents.eventBridgeBody(placed))), null);

    assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(tables.stock("SKU-001")).isEqualTo(stock - 1);
    assertThat(attribute(tables, placed.data().orderId(), "inventory")).isEqualTo("RESERVED");
  }
}
