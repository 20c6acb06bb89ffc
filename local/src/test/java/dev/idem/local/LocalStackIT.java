package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same flow against LocalStack instead of the embedded backends: LocalStack (in Docker, through
 * Testcontainers) holds the tables, queues, bus and rules; the local cloud runs the functions,
 * event sources, API and stubs against its endpoint. Skipped without a Docker engine, and without
 * {@code LOCALSTACK_AUTH_TOKEN} (LocalStack's image needs an account token since 2026). The image
 * is {@code localstack/localstack:latest} unless the system property {@code localstack.image} names
 * another.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackIT {

  private static LocalStackContainer localstack;
  private static LocalCloud cloud;
  private static Orders orders;

  @BeforeAll
  static void start() {
    String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
    assumeTrue(
        token != null && !token.isBlank(),
        "LOCALSTACK_AUTH_TOKEN is not set: LocalStack needs an account token since 2026;"
            + " export it to run LocalStackIT");
    localstack =
        new LocalStackContainer(
                DockerImageName.parse(
                    System.getProperty("localstack.image", "localstack/localstack:latest")))
            .withEnv("LOCALSTACK_AUTH_TOKEN", token);
    localstack.start();
    cloud =
        LocalCloud.start(
            TestClouds.options("LocalStackIT", new TestClouds.Console("LocalStackIT")).toBuilder()
                .endpoint(localstack.getEndpoint())
                .build());
    orders = new Orders(cloud);
  }

  @AfterAll
  static void stop() {
    if (cloud != null) {
      cloud.close();
    }
    if (localstack != null) {
      localstack.stop();
    }
  }

  @Test
  void placeOrder_againstLocalStack_becomesPaidWithOneCharge() {
    String orderId = orders.placed("localstack-1", "c-localstack", "SKU-001", 1);

    assertThat(orders.awaitStatus(orderId, Set.of("PAID", "FULFILLED")).path("paymentId").asText())
        .startsWith("ch_");
    assertThat(orders.charges(orderId)).hasSize(1);
    assertThat(cloud.embedded()).isFalse();
  }
}
