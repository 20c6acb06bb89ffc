package dev.idem.functions.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PrimingTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final List<String> ran = new CopyOnWriteArrayList<>();

  @Test
  void start_failingStep_runsTheNextStepsAndKeepsTheFailure() throws InterruptedException {
    IllegalStateException failure = new IllegalStateException("no sample");

    Priming priming =
        Priming.start(
            () -> ran.add("first"),
            () -> {
              throw failure;
            },
            () -> ran.add("third"));

    assertThat(priming.await(DEADLINE)).isTrue();
    assertThat(ran).containsExactly("first", "third");
    assertThat(priming.failures()).containsExactly(failure);
  }

  @Test
  void start_stepThrowsAnError_isCaughtAndTheNextStepRuns() throws InterruptedException {
    NoClassDefFoundError error = new NoClassDefFoundError("software/amazon/Missing");

    Priming priming =
        Priming.start(
            () -> {
              throw error;
            },
            () -> ran.add("after"));

    assertThat(priming.await(DEADLINE)).isTrue();
    assertThat(ran).containsExactly("after");
    assertThat(priming.failures()).containsExactly(error);
  }

  @Test
  void then_earlierStepStillRunning_waitsForIt() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    Priming priming =
        Priming.start(() -> {
          awaitQuietly(release);
          ran.add("earlier");
        });

    priming.then(() -> ran.add("later"));
    release.countDown();

    assertThat(priming.await(DEADLINE)).isTrue();
    assertThat(ran).containsExactly("earlier", "later");
    assertThat(priming.failures()).isEmpty();
  }

  @Test
  void start_steps_runOnADaemonThreadThatNeverHoldsTheJvm() throws InterruptedException {
    Priming priming =
        Priming.start(() -> ran.add(Thread.currentThread().isDaemon() ? "daemon" : "user"));

    assertThat(priming.await(DEADLINE)).isTrue();
    assertThat(ran).containsExactly("daemon");
  }

  @Test
  void ifSpareCpu_oneCpu_runsNothing() throws InterruptedException {
    Priming priming = Priming.ifSpareCpu(1, () -> ran.add("step")).then(() -> ran.add("later"));

    assertThat(priming.await(DEADLINE)).isTrue();
    assertThat(ran).isEmpty();
    assertThat(priming.offlineRequests()).isZero();
  }

  @Test
  void ifSpareCpu_twoCpus_runsTheSteps() throws InterruptedException {
    Priming priming = Priming.ifSpareCpu(2, () -> ran.add("step"));

    assertThat(priming.await(DEADLINE)).isTrue();
    assertThat(ran).containsExactly("step");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
