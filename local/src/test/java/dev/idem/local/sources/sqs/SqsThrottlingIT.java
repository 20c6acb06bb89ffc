package dev.idem.local.sources.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.Await;
import dev.idem.local.lambda.InvocationResult.Status;
import dev.idem.local.sources.QueueServer;
import dev.idem.local.sources.QueueServerExtension;
import dev.idem.local.sources.RecordingInvoker;
import dev.idem.local.sources.RecordingInvoker.Call;
import dev.idem.local.sources.SourceContext;
import dev.idem.local.sources.SourceInvocation;
import dev.idem.local.sources.WarmFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A function limited to one instance behind sources that want more: batches wait out the throttle
 * and none is lost. Also how a source closes.
 */
@ExtendWith(QueueServerExtension.class)
class SqsThrottlingIT {

  private static final String FUNCTION = "sqs-limited";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Map<QueueAttributeName, String> VISIBILITY =
      Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5");

  @RegisterExtension
  static final WarmFunction WARM =
      new WarmFunction(FUNCTION, "SqsBatchHandler", 1, "{\"Records\":[]}");

  private final List<SqsEventSource> sources = new ArrayList<>();
  private final List<String> queues = new ArrayList<>();
  private final List<SourceInvocation> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
  private QueueServer server;
  private RecordingInvoker invoker;

  @BeforeEach
  void setUp(QueueServer server) {
    this.server = server;
    this.invoker = new RecordingInvoker(WARM.runtime());
  }

  @AfterEach
  void tearDown() {
    sources.forEach(SqsEventSource::close);
    server.delete(queues.toArray(String[]::new));
  }

  @Test
  void maximumConcurrencyAboveFunctionLimit_batchesWaitOutThrottlesAndAllAreProcessed()
      throws Exception {
    String queue = queue("throttled", VISIBILITY);
    List<String> bodies = bodies("sleep:100 one-", 8);
    server.send(queue, bodies.toArray(String[]::new));
    long throttlesBefore = WARM.runtime().pool(FUNCTION).stats().throttles();

    start(queue, 1, 3);

    List<Call> calls = invoker.await("8 messages processed", WAIT, c -> processed(c).size() >= 8);
    assertThat(processed(calls)).containsExactlyInAnyOrderElementsOf(bodies);
    assertThat(calls).anyMatch(c -> c.status() == Status.THROTTLED);
    assertThat(WARM.runtime().pool(FUNCTION).stats().throttles()).isGreaterThan(throttlesBefore);
    Await.until("the queue to be empty", WAIT, () -> server.depth(queue) == 0);
    assertThat(reported).extracting(SourceInvocation::outcome).contains("OK");
    assertThat(reported.get(0).logLine()).startsWith(FUNCTION + " <- sqs throttled batch=1 ");
  }

  @Test
  void twoSourcesOnOneSingleInstanceFunction_shareItWithoutLosingMessages() throws Exception {
    String first = queue("shared-1", VISIBILITY);
    String second = queue("shared-2", VISIBILITY);
    List<String> firstBodies = bodies("sleep:100 first-", 4);
    List<String> secondBodies = bodies("sleep:100 second-", 4);
    server.send(first, firstBodies.toArray(String[]::new));
    server.send(second, secondBodies.toArray(String[]::new));

    start(first, 2, 2);
    start(second, 2, 2);

    List<Call> calls = invoker.await("8 messages processed", WAIT, c -> processed(c).size() >= 8);
    List<String> all = new ArrayList<>(firstBodies);
    all.addAll(secondBodies);
    assertThat(processed(calls)).containsExactlyInAnyOrderElementsOf(all);
    Await.until(
        "both queues to be empty",
        WAIT,
        () -> server.depth(first) == 0 && server.depth(second) == 0);
  }

  @Test
  void close_batchInFlight_waitsForItAndDeletesItsMessages() throws Exception {
    String queue = queue("closing", VISIBILITY);
    server.send(queue, "sleep:1000 slow");
    SqsEventSource source = start(queue, 1, 1);
    invoker.awaitStarted(1, WAIT);

    long begin = System.nanoTime();
    boolean drained = source.close(Duration.ofSeconds(10));
    Duration took = Duration.ofNanos(System.nanoTime() - begin);

    assertThat(drained).isTrue();
    assertThat(took).isLessThan(Duration.ofSeconds(3));
    assertThat(invoker.calls()).singleElement().satisfies(c -> assertThat(c.ok()).isTrue());
    assertThat(server.depth(queue)).isZero();
  }

  @Test
  void close_idleSource_returnsWithinAboutOneLongPoll() {
    String queue = queue("idle", VISIBILITY);
    SqsEventSource source = start(queue, 10, 2);

    long begin = System.nanoTime();
    boolean drained = source.close(Duration.ofSeconds(10));

    assertThat(drained).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofMillis(2_500));
    assertThat(invoker.calls()).isEmpty();
  }

  private String queue(String name, Map<QueueAttributeName, String> attributes) {
    String url = server.create(name, attributes);
    queues.add(url);
    return url;
  }

  private SqsEventSource start(String queue, int batchSize, int concurrency) {
    SqsSourceConfig config =
        new SqsSourceConfig(
            FUNCTION, queue, server.arn(queue), batchSize, Duration.ZERO, true, concurrency);
    SourceContext context = new SourceContext(invoker, java.time.Clock.systemUTC(), reported::add);
    SqsEventSource source = SqsEventSource.start(config, server.client(), context);
    sources.add(source);
    return source;
  }

  private static List<String> bodies(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
  }

  private static List<String> processed(List<Call> calls) {
    return calls.stream().filter(Call::ok).flatMap(c -> c.bodies().stream()).toList();
  }
}
