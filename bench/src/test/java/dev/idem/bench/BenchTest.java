package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BenchTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, Bench.Benchmark> benchmarks =
      new TreeMap<>(
          Map.of(
              "demo",
              (args, o, progress) -> o.println("{\"args\":" + args.size() + "}"),
              "strict",
              (args, o, progress) -> Args.parse(args, Set.of("rounds"))));

  @Test
  void run_knownName_runsItAndReturnsZero() throws Exception {
    int status = run("demo");

    assertThat(status).isZero();
    assertThat(text(out)).isEqualTo("{\"args\":0}\n");
  }

  @Test
  void run_optionsAfterName_passesThemToTheBenchmark() throws Exception {
    int status = run("demo", "--clients", "5");

    assertThat(status).isZero();
    assertThat(text(out)).isEqualTo("{\"args\":2}\n");
  }

  @Test
  void run_unknownOption_printsOneLineAndReturnsTwo() throws Exception {
    int status = run("strict", "--nope", "1");

    assertThat(status).isEqualTo(2);
    assertThat(text(err)).hasLineCount(1).contains("idem bench strict").contains("--nope");
  }

  @Test
  void run_unknownName_printsOneLineListingNamesAndReturnsTwo() throws Exception {
    int status = run("nope");

    assertThat(status).isEqualTo(2);
    assertThat(text(err)).hasLineCount(1).contains("nope").contains("valid names: demo, strict");
    assertThat(text(out)).isEmpty();
  }

  @Test
  void run_noName_returnsTwo() throws Exception {
    int status = run();

    assertThat(status).isEqualTo(2);
    assertThat(text(err)).hasLineCount(1).contains("valid names: demo");
  }

  @Test
  void benchmarks_registered_includeEveryBenchmark() {
    assertThat(Bench.BENCHMARKS)
        .containsOnlyKeys(
            "idempotency", "cold-start", "local-flow", "local-load", "exactly-once", "hot-reload");
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
