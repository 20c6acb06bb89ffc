package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The local cloud has no authentication, so nothing of it may listen beyond loopback: not the edge,
 * the API, the stubs, the Runtime APIs of its instances, the instances' proxy, DynamoDB Local or
 * ElasticMQ. DynamoDB Local on its own listens on every interface (its command line has no bind
 * address); this test failed before it was bound to 127.0.0.1.
 */
class LoopbackOnlyIT {

  @Test
  void start_referenceSystemWithInstancesRunning_everyListeningSocketIsLoopback() {
    assumeTrue(ListeningSockets.supported(), "needs Linux's /proc/net/tcp");
    TestClouds.Console console = new TestClouds.Console("LoopbackOnlyIT");
    try (LocalCloud cloud = LocalCloud.start(TestClouds.options("LoopbackOnlyIT", console))) {
      new Orders(cloud).placed("loopback-1", "c-loop", "SKU-001", 1);

      List<ListeningSockets.Socket> sockets = ListeningSockets.ofThisProcessTree();

      assertThat(sockets)
          .as("listening sockets of the local cloud and its instances")
          .extracting(ListeningSockets.Socket::port)
          .contains(
              cloud.awsEndpoint().getPort(),
              cloud.apiUrl().orElseThrow().getPort(),
              cloud.stubUrl("payments").orElseThrow().getPort(),
              cloud.dynamoDbEndpoint().orElseThrow().getPort(),
              cloud.proxyUrl().orElseThrow().getPort());
      assertThat(sockets)
          .allSatisfy(socket -> assertThat(socket.loopback()).as(socket.toString()).isTrue());
    }
  }

  @Test
  void ipv4AndIpv6_procFormat_decoded() throws Exception {
    assertThat(ListeningSockets.ipv4("0100007F").getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(ListeningSockets.ipv4("00000000").isAnyLocalAddress()).isTrue();
    assertThat(ListeningSockets.ipv6("00000000000000000000000001000000").isLoopbackAddress())
        .isTrue();
    assertThat(ListeningSockets.ipv6("00000000000000000000000000000000").isAnyLocalAddress())
        .isTrue();
    assertThat(new ListeningSockets.Socket(ListeningSockets.ipv4("00000000"), 1).loopback())
        .isFalse();
  }
}
