package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, Bench.Benchmark> benchmarks =
      Map.of("demo", (o, progress) -> o.println("{\"ran\":1}"));

  @Test
  void run_knownName_runsItAndReturnsZero() throws Exception {
    int status = run("demo");

    assertThat(status).isZero();
    assertThat(text(out)).isEqualTo("{\"ran\":1}\n");
  }

  @Test
  void run_unknownName_printsOneLineListingNamesAndReturnsTwo() throws Exception {
    int status = run("nope");

    assertThat(status).isEqualTo(2);
    assertThat(text(err)).hasLineCount(1).contains("nope").contains("valid names: demo");
    assertThat(text(out)).isEmpty();
  }

  @Test
  void run_noName_returnsTwo() throws Exception {
    int status = run();

    assertThat(status).isEqualTo(2);
    assertThat(text(err)).hasLineCount(1).contains("valid names: demo");
  }

  @Test
  void benchmarks_registered_includeIdempotency() {
    assertThat(Bench.BENCHMARKS).containsKey("idempotency");
  }

  private int run(String... args) throws Exception {
    return Bench.run(
        args,
        benchmarks,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
