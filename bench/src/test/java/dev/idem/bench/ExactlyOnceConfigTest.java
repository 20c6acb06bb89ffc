package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExactlyOnceConfigTest {

  @TempDir Path dir;

  @Test
  void parse_noOptions_fiveThousandOrdersDefaultMixShortVisibility() {
    ExactlyOnceBenchmark.Config config = ExactlyOnceBenchmark.Config.parse(List.of());

    assertThat(config.orders()).isEqualTo(5_000);
    assertThat(config.faults()).isNull();
    assertThat(config.faultSeed()).isNull();
    assertThat(config.visibilityTimeout()).isEqualTo(ExactlyOnceBenchmark.VISIBILITY_TIMEOUT);
  }

  @Test
  void parse_everyOption_isRead() throws Exception {
    Path faults = Files.writeString(dir.resolve("f.json"), "[{\"kind\":\"sqs-duplicate\"}]");

    ExactlyOnceBenchmark.Config config =
        ExactlyOnceBenchmark.Config.parse(
            List.of(
                "--orders",
                "300",
                "--clients",
                "4",
                "--faults",
                faults.toString(),
                "--fault-seed",
                "-7",
                "--visibility-timeout",
                "180"));

    assertThat(config)
        .isEqualTo(new ExactlyOnceBenchmark.Config(300, 4, faults, -7L, Duration.ofSeconds(180)));
  }

  @Test
  void parse_faultsFileWithUnknownKind_isAUsageErrorNamingTheField() throws Exception {
    Path faults = Files.writeString(dir.resolve("f.json"), "[{\"kind\":\"meteor\"}]");

    assertThatThrownBy(
            () -> ExactlyOnceBenchmark.Config.parse(List.of("--faults", faults.toString())))
        .isInstanceOf(Args.UsageException.class)
        .hasMessageContaining("kind")
        .hasMessageContaining("meteor");
  }

  @Test
  void parse_missingFaultsFile_isAUsageError() {
    assertThatThrownBy(() ->
            ExactlyOnceBenchmark.Config.parse(
                List.of("--faults", dir.resolve("none.json").toString())))
        .isInstanceOf(Args.UsageException.class)
        .hasMessageContaining("none.json");
  }

  @Test
  void parse_visibilityNotAboveTheFunctionTimeout_isAUsageError() {
    assertThatThrownBy(
            () -> ExactlyOnceBenchmark.Config.parse(List.of("--visibility-timeout", "20")))
        .isInstanceOf(Args.UsageException.class)
        .hasMessageContaining("--visibility-timeout");
  }
}
