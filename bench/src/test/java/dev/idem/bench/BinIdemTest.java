package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/idem} itself, run by bash as a user runs it, in a copy of the repository's shape (its
 * folder name has a space, to catch unquoted paths) where {@code mvnw} and the JDK are stand-ins:
 * the stand-in Maven logs each build and writes the jars and class paths a real build writes, and
 * the stand-in {@code java} prints its arguments. So the test sees every build decision and the
 * command the JVM would get, in seconds, without Maven. Skipped where there is no bash.
 */
class BinIdemTest {

  private static final Path SCRIPT = repository().resolve("bin").resolve("idem");

  /** The module list of the copy's root POM, as in the repository's. */
  private static final List<String> MODULES =
      List.of("testing", "idempotency", "events", "functions", "infra", "local", "bench");

  @TempDir Path temp;

  private Path root;

  /** A process's exit code and what it printed. */
  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void copyOfTheRepository() throws IOException {
    assumeTrue(onPath("bash"), "bash is not on the PATH");
    root = temp.resolve("my idem");
    Path bin = Files.createDirectories(root.resolve("bin"));
    Files.copy(SCRIPT, bin.resolve("idem"));
    executable(bin.resolve("idem"));
    // bin/idem's contract with bin/java-home.sh: idem_select_jdk sets these two.
    Files.writeString(
        bin.resolve("java-home.sh"),
        "idem_select_jdk() { export JAVA_HOME=\"$ROOT/jdk\" IDEM_JAVA_VERSION=21; }\n");
    script(root.resolve("jdk/bin/java"), "echo \"java $*\"");
    script(
        root.resolve("mvnw"),
        """
        cd "$(dirname "$0")"
        echo "$*" >>mvnw.log
        [ ! -f mvnw.fail ] || exit 1
        for module in $(echo "$*" | sed -n 's/.*-pl \\([^ ]*\\).*/\\1/p' | tr ',' ' '); do
          mkdir -p "$module/target"
          touch "$module/target/idem-$module.jar" "$module/target/idem-$module-0.1.jar"
          echo "$PWD/$module/target/dependency.jar" >"$module/target/classpath.txt"
        done
        """);
    StringBuilder pom = new StringBuilder("<project>\n  <modules>\n");
    for (String module : MODULES) {
      pom.append("    <module>").append(module).append("</module>\n");
      Files.writeString(
          Files.createDirectories(root.resolve(module)).resolve("pom.xml"), "<project/>\n");
      Path source = root.resolve(module).resolve("src/main/java/dev/idem/Main.java");
      Files.createDirectories(source.getParent());
      Files.writeString(source, "class Main {}\n");
    }
    Files.writeString(root.resolve("pom.xml"), pom.append("  </modules>\n</project>\n"));
  }

  @Test
  void noArguments_printsUsageAndExitsZero() throws Exception {
    Run run = idem();

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("usage: bin/idem COMMAND [ARGS]").contains("bench NAME");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void help_eachSpelling_printsTheUsage() throws Exception {
    String usage = idem().out();

    for (String help : List.of("--help", "-h", "help")) {
      Run run = idem(help);

      assertThat(run.exit()).as(help).isZero();
      assertThat(run.out()).as(help).isEqualTo(usage);
    }
  }

  @Test
  void unknownCommand_printsOneLineAndExitsTwo() throws Exception {
    Run run = idem("deploy", "--now");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("idem: unknown command 'deploy'; bin/idem --help lists the commands\n");
    assertThat(run.out()).isEmpty();
    assertThat(builds()).isEmpty();
  }

  @Test
  void bench_noName_printsBenchLineListingTheBenchmarksAndExitsTwo() throws Exception {
    Run run = idem("bench");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).hasLineCount(1).isEqualTo(benchError());
    assertThat(run.out()).isEmpty();
    assertThat(builds()).isEmpty();
  }

  @Test
  void bench_unknownName_printsBenchLineBeforeAnyBuildAndExitsTwo() throws Exception {
    Run run = idem("bench", "local flow");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).hasLineCount(1).isEqualTo(benchError("local flow"));
    assertThat(builds()).isEmpty();
  }

  @Test
  void bench_knownName_buildsBenchAndFunctionsThenRunsIt() throws Exception {
    Run run = idem("bench", "local-flow", "--orders", "3");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(builds())
        .containsExactly(
            "-q -B -ntp -pl bench,functions -am package -DskipTests"
                + " -Dspotless.check.skip=true");
    assertThat(run.out())
        .startsWith(
            "java --enable-native-access=ALL-UNNAMED -Didem.root="
                + root
                + " -cp "
                + root.resolve("bench/target/idem-bench.jar")
                + ":")
        .endsWith(" dev.idem.bench.Bench local-flow --orders 3\n");
  }

  @Test
  void local_firstRun_buildsLocalAndFunctionsThenRunsTheLocalCloud() throws Exception {
    Run run = idem("local", "--template", "my template.yaml");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(builds()).singleElement().asString().contains("-pl local,functions -am package");
    assertThat(run.err()).contains("idem: building local,functions");
    assertThat(run.out())
        .contains(" -cp " + root.resolve("local/target/idem-local-0.1.jar") + ":")
        .endsWith(" dev.idem.local.LocalCloudMain --template my template.yaml\n");
  }

  @Test
  void local_nothingChanged_buildsNothing() throws Exception {
    idem("local");

    Run run = idem("local");

    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(builds()).hasSize(1);
  }

  @Test
  void local_sourceDeleted_rebuildsTheTargetThatRunsIt() throws Exception {
    idem("local");

    Files.delete(root.resolve("testing/src/main/java/dev/idem/Main.java"));

    assertThat(idem("local").exit()).isZero();
    assertThat(builds()).hasSize(2).last().asString().contains("-pl local -am");
  }

  @Test
  void local_sourceAdded_rebuildsTheTargetThatRunsIt() throws Exception {
    idem("local");

    Files.writeString(root.resolve("events/src/main/java/dev/idem/Event.java"), "class Event {}\n");

    assertThat(idem("local").exit()).isZero();
    assertThat(builds()).hasSize(2).last().asString().contains("-pl functions -am");
  }

  @Test
  void local_anyModulePomChanged_rebuildsEveryTarget() throws Exception {
    idem("local");

    Files.writeString(
        root.resolve("infra/pom.xml"), "<!-- changed -->\n", StandardOpenOption.APPEND);

    assertThat(idem("local").exit()).isZero();
    assertThat(builds()).hasSize(2).last().asString().contains("-pl local,functions -am");
  }

  @Test
  void local_buildFailed_buildsAgainNextRun() throws Exception {
    Files.writeString(root.resolve("mvnw.fail"), "");
    assertThat(idem("local").exit()).isNotZero();
    Files.delete(root.resolve("mvnw.fail"));

    Run run = idem("local");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(builds()).hasSize(2).allMatch(line -> line.contains("-pl local,functions"));
  }

  @Test
  void invoke_buildsOnlyTheLocalCloudThenRunsInvoke() throws Exception {
    Run run = idem("invoke", "GetOrderFunction", "--event", "get order.json");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(builds()).singleElement().asString().contains("-pl local -am");
    assertThat(run.out())
        .startsWith("java -XX:TieredStopAtLevel=1 -cp ")
        .endsWith(" dev.idem.local.InvokeMain GetOrderFunction --event get order.json\n");
  }

  /** The line {@link Bench} prints for these arguments: bin/idem's must be the same. */
  private static String benchError(String... args) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Bench.run(
            args,
            Bench.BENCHMARKS,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    return err.toString(StandardCharsets.UTF_8);
  }

  private Run idem(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(root.resolve("bin/idem").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile());
    Map<String, String> env = builder.environment();
    env.put("HOME", temp.toString());
    env.remove("XDG_CACHE_HOME");
    File out = temp.resolve("out.txt").toFile();
    File err = temp.resolve("err.txt").toFile();
    Process process = builder.redirectOutput(out).redirectError(err).start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("bin/idem " + String.join(" ", args) + " did not end in 30 s");
    }
    return new Run(
        process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
  }

  /** The stand-in Maven's log: one line of arguments per build. */
  private List<String> builds() throws IOException {
    Path log = root.resolve("mvnw.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private static void script(Path file, String body) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    executable(file);
  }

  private static void executable(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  static Path repository() {
    Path root = Path.of("").toAbsolutePath().getParent();
    assertThat(root.resolve("bin/idem")).as("bin/idem, from the bench module's folder").exists();
    return root;
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
