package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.local.lambda.Scaling;
import dev.idem.local.stubs.StubSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCloudMainTest {

  @TempDir Path root;

  private Path template;
  private Path seed;

  @BeforeEach
  void files() throws Exception {
    template = Files.writeString(root.resolve("template.yaml"), "Resources: {}");
    seed =
        Files.writeString(
            Files.createDirectories(root.resolve("seed")).resolve("catalog.json"),
            "{\"tables\":{}}");
    Files.writeString(
        root.resolve("idem-local.json"),
        """
        {"stubs": [{"name": "payments", "port": 4010, "idPrefix": "ch", "parameter": "PayUrl"},
                   {"name": "notifications", "port": 4011}],
         "seed": "seed/catalog.json"}
        """);
  }

  private LocalCloudMain.Parsed parse(Map<String, String> env, String... args) {
    return LocalCloudMain.parse(List.of(args), env, root, line -> {}, url -> false);
  }

  @Test
  void parse_noArguments_repositoryTemplateWithItsProjectsStubsSeedAndDefaultPorts() {
    LocalCloud.Options options = parse(Map.of()).options();

    assertThat(options.template()).isEqualTo(template);
    assertThat(options.seed()).isEqualTo(seed.toAbsolutePath());
    assertThat(options.edgePort()).isEqualTo(4566);
    assertThat(options.apiPort()).isEqualTo(3000);
    assertThat(options.proxyPort()).as("a free port").isZero();
    assertThat(options.stubs())
        .containsExactly(
            new StubSpec("payments", 4010, "ch", "PayUrl"),
            new StubSpec("notifications", 4011, "notifications", null));
    assertThat(options.concurrencyLimit()).isEqualTo(10);
    assertThat(options.endpoint()).isNull();
  }

  @Test
  void parse_everyOption_takenAsGiven() throws Exception {
    Path other = Files.writeString(root.resolve("other.yaml"), "Resources: {}");

    LocalCloud.Options options =
        parse(
                Map.of(),
                "--template",
                other.toString(),
                "--edge-port",
                "5566",
                "--api-port",
                "0",
                "--proxy-port",
                "5567",
                "--stub-port",
                "payments=5010",
                "--stub-port",
                "notifications=0",
                "--parameter",
                "StageName=test",
                "--parameter",
                "Url=http://x?a=b",
                "--no-seed",
                "--max-concurrency",
                "3",
                "--endpoint",
                "http://127.0.0.1:9999")
            .options();

    assertThat(options.template()).isEqualTo(other);
    assertThat(List.of(options.edgePort(), options.apiPort(), options.proxyPort()))
        .containsExactly(5566, 0, 5567);
    assertThat(options.stubs()).extracting(StubSpec::port).containsExactly(5010, 0);
    assertThat(options.parameters())
        .containsEntry("StageName", "test")
        .containsEntry("Url", "http://x?a=b");
    assertThat(options.seed()).isNull();
    assertThat(options.concurrencyLimit()).isEqualTo(3);
    assertThat(options.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9999"));
  }

  @Test
  void parse_scalingOptions_paceCeilingAndWarmTakenAsGiven() {
    LocalCloud.Options defaults = parse(Map.of()).options();
    LocalCloud.Options given =
        parse(Map.of(), "--max-starting", "3", "--max-instances", "7", "--warm", "1").options();

    assertThat(defaults.scaling()).isEqualTo(Scaling.forThisMachine());
    assertThat(given.scaling().maxStarting()).isEqualTo(3);
    assertThat(given.scaling().maxInstances()).isEqualTo(7);
    assertThat(given.scaling().warm()).isEqualTo(1);
    assertThatThrownBy(() -> parse(Map.of(), "--max-starting", "0"))
        .hasMessage("--max-starting needs a number from 1 to 1000, got '0'");
    assertThatThrownBy(() -> parse(Map.of(), "--warm", "-1"))
        .hasMessage("--warm needs a number from 0 to 1000, got '-1'");
  }

  @Test
  void parse_stubPort_setsThatStubsPort_unknownStubRefused() {
    LocalCloud.Options options =
        parse(Map.of(), "--stub-port", "payments=5010", "--stub-port", "notifications=0").options();

    assertThat(options.stubs()).extracting(StubSpec::port).containsExactly(5010, 0);
    assertThatThrownBy(() -> parse(Map.of(), "--stub-port", "mail=1"))
        .hasMessage(
            "--stub-port mail: the project declares no such stub (stubs: [payments, notifications])");
    assertThatThrownBy(() -> parse(Map.of(), "--stub-port", "payments"))
        .hasMessage("--stub-port needs NAME=PORT, got 'payments'");
  }

  @Test
  void parse_badProjectConfig_oneLineNamingTheField() throws Exception {
    Files.writeString(
        root.resolve("idem-local.json"), "{\"stubs\": [{\"name\": \"x\", \"colour\": 1}]}");

    assertThatThrownBy(() -> parse(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stubs[0]: unknown field 'colour'");
  }

  @Test
  void parse_otherTemplateWithoutSeedBesideIt_noSeed() throws Exception {
    Path folder = Files.createDirectories(root.resolve("other"));
    Path other = Files.writeString(folder.resolve("template.yaml"), "Resources: {}");

    assertThat(parse(Map.of(), "--template", other.toString()).options().seed()).isNull();
  }

  @Test
  void parse_badArguments_failNamingTheArgument() {
    assertThatThrownBy(() -> parse(Map.of(), "--edge-port", "70000"))
        .hasMessageContaining("--edge-port needs a number from 0 to 65535, got '70000'");
    assertThatThrownBy(() -> parse(Map.of(), "--proxy-port", "-1"))
        .hasMessageContaining("--proxy-port needs a number from 0 to 65535, got '-1'");
    assertThatThrownBy(() -> parse(Map.of(), "--api-port"))
        .hasMessageContaining("--api-port needs a value");
    assertThatThrownBy(() -> parse(Map.of(), "--bogus", "1"))
        .hasMessageContaining("unknown option --bogus");
    assertThatThrownBy(() -> parse(Map.of(), "--bogus"))
        .hasMessageContaining("unknown option --bogus");
    assertThatThrownBy(() -> parse(Map.of(), "--parameter", "novalue"))
        .hasMessageContaining("--parameter needs KEY=VALUE");
    assertThatThrownBy(() -> parse(Map.of(), "--template", root.resolve("nope.yaml").toString()))
        .hasMessageContaining("no template at");
    assertThatThrownBy(() -> parse(Map.of(), "--seed", "missing.json"))
        .hasMessageContaining("no seed file at missing.json");
    assertThatThrownBy(() -> parse(Map.of(), "--seed", seed.toString(), "--no-seed"))
        .hasMessageContaining("exclude each other");
    assertThatThrownBy(() -> parse(Map.of(), "--max-concurrency", "0"))
        .hasMessageContaining("--max-concurrency needs a number from 1");
    assertThatThrownBy(() -> parse(Map.of(), "--endpoint", "localhost:4566"))
        .hasMessageContaining("--endpoint needs an http(s) URL");
  }

  @Test
  void parse_consoleOptions_setTheCapacityOrTurnItOff() {
    assertThat(parse(Map.of()).options().consoleCapacity()).isEqualTo(1_000);
    assertThat(parse(Map.of(), "--console-capacity", "50").options().consoleCapacity())
        .isEqualTo(50);
    assertThat(parse(Map.of(), "--no-console").options().consoleCapacity()).isZero();
    assertThatThrownBy(() -> parse(Map.of(), "--console-capacity", "0"))
        .hasMessageContaining("--console-capacity needs a number from 1");
    assertThatThrownBy(() -> parse(Map.of(), "--console-capacity", "1000", "--no-console"))
        .hasMessageContaining("--console-capacity and --no-console exclude each other");
  }

  @Test
  void parse_awsEndpointUrlOfAnotherBackend_usedAsBackend() {
    LocalCloudMain.Parsed parsed =
        parse(Map.of("AWS_ENDPOINT_URL", "http://localhost.localstack.cloud:4566"));

    assertThat(parsed.options().endpoint())
        .isEqualTo(URI.create("http://localhost.localstack.cloud:4566"));
    assertThat(parsed.notes()).singleElement().asString().contains("AWS_ENDPOINT_URL");
  }

  @Test
  void parse_awsEndpointUrlNamingOwnEdge_runsEmbedded() {
    LocalCloudMain.Parsed parsed = parse(Map.of("AWS_ENDPOINT_URL", "http://localhost:4566"));

    assertThat(parsed.options().endpoint()).isNull();
    assertThat(parsed.notes()).singleElement().asString().contains("names this edge");
  }

  @Test
  void parse_awsEndpointUrlOnEdgePortWithSomethingListening_usedAsBackend() {
    LocalCloudMain.Parsed parsed =
        LocalCloudMain.parse(
            List.of(),
            Map.of("AWS_ENDPOINT_URL", "http://localhost:4566"),
            root,
            line -> {},
            url -> true);

    assertThat(parsed.options().endpoint()).isEqualTo(URI.create("http://localhost:4566"));
  }

  @Test
  void parse_endpointOption_winsOverEnvironment() {
    LocalCloudMain.Parsed parsed =
        parse(Map.of("AWS_ENDPOINT_URL", "http://a:1"), "--endpoint", "http://b:2");

    assertThat(parsed.options().endpoint()).isEqualTo(URI.create("http://b:2"));
  }

  @Test
  void run_badArgument_oneLineThenUsageExit2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        LocalCloudMain.run(
            new String[] {"--edge-port", "x"},
            Map.of(),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("idem local: --edge-port needs a number")
        .contains("usage: bin/idem local");
  }

  @Test
  void run_help_printsUsageExit0() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status =
        LocalCloudMain.run(
            new String[] {"--help"},
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream()));

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--max-concurrency N");
  }

  @Test
  void parse_faultsFileAndSeed_planWithTheGivenSeed() throws Exception {
    Path faults =
        Files.writeString(
            root.resolve("faults.json"),
            "{\"seed\": 1, \"rules\": [{\"kind\":\"sqs-duplicate\"}]}");

    LocalCloud.Options options =
        parse(Map.of(), "--faults", faults.toString(), "--fault-seed", "42").options();

    assertThat(options.faults().seed()).isEqualTo(42L);
    assertThat(options.faults().rules()).hasSize(1);
    assertThat(options.bindAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void parse_badFaultsFile_oneLineNamingTheFileAndField() throws Exception {
    Path faults =
        Files.writeString(root.resolve("bad.json"), "[{\"kind\":\"aws-error\",\"probability\":7}]");

    assertThatThrownBy(() -> parse(Map.of(), "--faults", faults.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "faults file " + faults + ": rules[0].probability must be a number between 0 and 1");
    assertThatThrownBy(() -> parse(Map.of(), "--faults", root.resolve("none.json").toString()))
        .hasMessageStartingWith("no faults file at");
    assertThatThrownBy(() -> parse(Map.of(), "--fault-seed", "x"))
        .hasMessage("--fault-seed needs a whole number, got 'x'");
  }

  @Test
  void parse_bind_anyAddressTakenForeignAddressRefused() {
    assertThat(parse(Map.of(), "--bind", "0.0.0.0").options().bindAddress()).isEqualTo("0.0.0.0");
    assertThatThrownBy(() -> parse(Map.of(), "--bind", "192.0.2.1"))
        .hasMessage("--bind 192.0.2.1 is not an address of this machine");
  }
}
