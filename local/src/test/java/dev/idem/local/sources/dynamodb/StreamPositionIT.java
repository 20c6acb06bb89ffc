package dev.idem.local.sources.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.Await;
import dev.idem.local.lambda.InvocationResult;
import dev.idem.local.sources.SourceContext;
import dev.idem.local.sources.StreamTable;
import dev.idem.local.sources.stream.ShardPosition;
import dev.idem.local.sources.stream.StreamEventSource;
import dev.idem.local.sources.stream.StreamSourceConfig;
import dev.idem.local.sources.stream.StreamSourceConfig.StartingPosition;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A stream source's position per shard (the console's stream column): the last sequence number
 * handed to the function and the records behind it, while a batch is held and after it ends.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class StreamPositionIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void positions_batchHeldByTheFunction_restBehind_thenNoneBehind(
      DynamoDbLocal db, DynamoDbClient dynamo) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<String> firstBatch = new AtomicReference<>();
    try (StreamTable table = StreamTable.create(dynamo, "StreamPosition");
        DynamoDbStreamsClient streams = StreamTable.streamsClient(db)) {
      table.put("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9");
      StreamSourceConfig config =
          new StreamSourceConfig(
              "stream-position",
              table.streamArn(),
              StartingPosition.TRIM_HORIZON,
              4,
              Duration.ZERO,
              1,
              StreamSourceConfig.UNLIMITED,
              false,
              false,
              null);
      try (StreamEventSource<Record> source =
          DynamoDbStreamSource.start(
              config,
              streams,
              null,
              SourceContext.of((function, payload) -> {
                firstBatch.compareAndSet(null, new String(payload));
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return InvocationResult.ok("{}".getBytes(), "", Duration.ZERO);
              }))) {
        Await.until("the first batch handed", WAIT, () -> firstBatch.get() != null);

        List<ShardPosition> held = source.positions(100);
        ShardPosition capped = source.positions(3).getFirst();
        release.countDown();
        Await.until(
            "nothing behind",
            WAIT,
            () -> source.positions(100).stream().allMatch(shard -> shard.behind() == 0));
        List<ShardPosition> done = source.positions(100);

        assertThat(held).hasSize(1);
        assertThat(held.getFirst().state()).isEqualTo("READING");
        assertThat(held.getFirst().behind()).isEqualTo(6);
        assertThat(held.getFirst().behindAtLeast()).isFalse();
        assertThat(firstBatch.get()).contains(held.getFirst().lastHanded()).contains("k3");
        assertThat(capped.behind()).isEqualTo(3);
        assertThat(capped.behindAtLeast()).isTrue();
        assertThat(done.getFirst().lastHanded()).isNotEqualTo(held.getFirst().lastHanded());
        assertThat(new java.math.BigInteger(done.getFirst().lastHanded()))
            .isGreaterThan(new java.math.BigInteger(held.getFirst().lastHanded()));
      }
    }
  }
}
