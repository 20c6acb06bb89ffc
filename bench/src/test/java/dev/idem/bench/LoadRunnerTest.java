package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class LoadRunnerTest {

  @Test
  void throughput_everyThread_getsUniqueSequences() throws Exception {
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    try (LoadRunner runner = new LoadRunner(3)) {
      LoadRunner.Window window =
          runner.throughput(sequence -> seen.add(sequence), Duration.ofMillis(50));

      // Each thread runs at least once, however late a loaded machine schedules it.
      assertThat(window.invocations()).isGreaterThanOrEqualTo(3).isEqualTo(seen.size());
      assertThat(window.nanos()).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
    }
  }

  @Test
  void throughput_failingInvocation_rethrowsItsException() {
    try (LoadRunner runner = new LoadRunner(2)) {
      assertThatThrownBy(() ->
              runner.throughput(
                  sequence -> {
                    throw new IllegalStateException("boom");
                  },
                  Duration.ofSeconds(5)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("boom");
    }
  }

  @Test
  void latencies_twoInvocations_takeTurns() throws Exception {
    List<String> calls = new ArrayList<>();
    try (LoadRunner runner = new LoadRunner(1)) {
      long[][] nanos =
          runner.latencies(List.of(sequence -> calls.add("a"), sequence -> calls.add("b")), 3);

      assertThat(calls).containsExactly("a", "b", "a", "b", "a", "b");
      assertThat(nanos).hasDimensions(2, 3);
    }
  }
}
