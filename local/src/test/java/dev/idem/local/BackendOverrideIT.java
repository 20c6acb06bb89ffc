package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.edge.LocalAws;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The backend override ({@code --endpoint}, {@code AWS_ENDPOINT_URL}): the local cloud creates the
 * resources on another AWS-compatible endpoint — here a bare edge of its own kind standing in for
 * LocalStack — and runs only the functions, event sources, API and stubs itself.
 */
class BackendOverrideIT {

  private static LocalAws backend;
  private static TestClouds.Console console;
  private static LocalCloud cloud;
  private static Orders orders;

  @BeforeAll
  static void start() {
    backend = LocalAws.start(0);
    backend.router().markReady();
    console = new TestClouds.Console("BackendOverrideIT");
    cloud =
        LocalCloud.start(
            TestClouds.options("BackendOverrideIT", console).toBuilder()
                .endpoint(backend.edgeUrl())
                .build());
    orders = new Orders(cloud);
  }

  @AfterAll
  static void stop() {
    if (cloud != null) {
      cloud.close();
    }
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void start_otherEndpoint_resourcesCreatedThereNoEdgeHere() {
    assertThat(cloud.embedded()).isFalse();
    assertThat(cloud.awsEndpoint()).isEqualTo(backend.edgeUrl());
    assertThat(backend.clients().dynamoDb().listTables().tableNames())
        .contains("OrdersTable", "CatalogTable", "InventoryTable", "IdempotencyTable");
    assertThat(console.lines())
        .anySatisfy(line -> assertThat(line).startsWith("backend  " + backend.edgeUrl()));
  }

  @Test
  void placeOrder_againstOtherEndpoint_becomesPaid() {
    String orderId = orders.placed("override-1", "c-override", "SKU-003", 1);

    assertThat(orders.awaitStatus(orderId, Set.of("PAID", "FULFILLED")).path("total").asLong())
        .isEqualTo(18900);
    assertThat(orders.charges(orderId)).hasSize(1);
  }
}
