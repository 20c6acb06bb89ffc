package dev.idem.local.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.Await;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventSourceTest {

  /** Polls by pausing on its stop signal; its work in flight ends when {@code done} counts down. */
  private static final class PausingSource extends EventSource {

    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger wakes = new AtomicInteger();
    final CountDownLatch done = new CountDownLatch(1);

    PausingSource() {
      super("test queue -> f", "test-poller");
    }

    @Override
    protected void poll() {
      polls.incrementAndGet();
      stopSignal().pause(Duration.ofMinutes(1));
    }

    @Override
    protected void wake() {
      wakes.incrementAndGet();
    }

    @Override
    protected boolean awaitInFlight(long deadlineNanos) throws InterruptedException {
      return done.await(remaining(deadlineNanos).toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  @Test
  void close_endsThePollersPauseAtOnce_andWaitsForWorkInFlight() {
    PausingSource source = new PausingSource();
    source.startPolling();
    Await.until("the first poll", Duration.ofSeconds(5), () -> source.polls.get() == 1);
    source.done.countDown();
    long begin = System.nanoTime();

    boolean closed = source.close(Duration.ofSeconds(5));

    assertThat(closed).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));
    assertThat(source.polls).hasValue(1);
    assertThat(source.wakes).hasValue(1);
  }

  @Test
  void close_workStillInFlightAtTheDeadline_returnsFalse() {
    PausingSource source = new PausingSource();
    source.startPolling();

    assertThat(source.close(Duration.ofMillis(100))).isFalse();
  }

  @Test
  void description_isWhatFeedsWhat() {
    assertThat(new PausingSource().description()).isEqualTo("test queue -> f");
  }
}
