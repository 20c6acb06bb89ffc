package dev.idem.idempotency.testkit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A caller on its own thread whose work holds the key until the test lets it go: the test can act
 * while the key is held (advance the clock, let another caller take over), then let the holder
 * finish late.
 *
 * {@snippet :
 * try (BlockedHolder<String> holder =
 *     BlockedHolder.start(gate -> idempotency.execute(request, String.class, () -> {
 *       gate.block();
 *       return "late";
 *     }))) {
 *   holder.awaitBlocked();
 *   // the key is held here
 *   holder.proceed();
 *   assertThat(holder.result()).isEqualTo("late");
 * }
 * }
 *
 * @param <T> what the holder's call returns
 */
public final class BlockedHolder<T> implements AutoCloseable {

  /** How long any wait in a test may take before the test fails instead of hanging. */
  public static final Duration DEADLINE = Duration.ofSeconds(10);

  private final Gate gate = new Gate();
  private final CompletableFuture<T> outcome = new CompletableFuture<>();
  private final Thread thread;

  private BlockedHolder(Call<T> call) {
    this.thread =
        Thread.ofPlatform()
            .daemon()
            .name("blocked-holder")
            .start(() -> {
              try {
                outcome.complete(call.run(gate));
              } catch (Throwable t) {
                outcome.completeExceptionally(t);
              }
            });
  }

  /** Starts {@code call} on a new thread. */
  public static <T> BlockedHolder<T> start(Call<T> call) {
    return new BlockedHolder<>(call);
  }

  /**
   * Waits until the holder's work has reached {@link Gate#block()}.
   *
   * @throws AssertionError if it does not within the deadline (the call failed or hangs)
   */
  public void awaitBlocked() throws InterruptedException {
    if (!gate.blocked.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("The holder's work did not start; its outcome: " + outcome);
    }
  }

  /** Lets the holder's work continue. */
  public void proceed() {
    gate.proceed.countDown();
  }

  /** The holder call's return value, waiting for it within the deadline. */
  public T result() throws Exception {
    try {
      return outcome.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("The holder's call failed", e.getCause());
    }
  }

  /** What the holder call threw, waiting for it within the deadline. */
  public Throwable failure() throws InterruptedException, TimeoutException {
    try {
      T value = outcome.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      throw new AssertionError("The holder's call returned " + value + " instead of failing");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  /** Lets the work go and waits for the thread to end, so no test leaves a thread behind. */
  @Override
  public void close() throws InterruptedException {
    proceed();
    thread.join(DEADLINE);
  }

  /** The holder's call; its work calls {@link Gate#block()} while it holds the key. */
  @FunctionalInterface
  public interface Call<T> {
    /** Makes the call. */
    T run(Gate gate) throws Exception;
  }

  /** Where the holder's work waits for the test. */
  public static final class Gate {
    private final CountDownLatch blocked = new CountDownLatch(1);
    private final CountDownLatch proceed = new CountDownLatch(1);

    /**
     * Signals that the work runs, then waits until the test lets it go.
     *
     * @throws IllegalStateException if the test does not within the deadline
     */
    public void block() throws InterruptedException {
      blocked.countDown();
      if (!proceed.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("The test never let the holder proceed");
      }
    }
  }
}
