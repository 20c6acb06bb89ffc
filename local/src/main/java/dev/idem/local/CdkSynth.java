package dev.idem.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Synthesizes a CDK app into its cloud assembly with the CDK CLI from the npm registry, as the
 * README's deploy section does: {@code npx --yes aws-cdk@2 synth --quiet --no-notices --output
 * <app>/cdk.out} in the app's folder (the one with {@code cdk.json}, whose {@code app} command it
 * runs). Its output goes to the console line by line, prefixed {@code cdk | }.
 */
final class CdkSynth {

  /** The CDK CLI, as npx fetches it. */
  static final List<String> COMMAND =
      List.of("npx", "--yes", "aws-cdk@2", "synth", "--quiet", "--no-notices", "--output");

  /** The assembly's folder inside the app's, CDK's default. */
  static final String OUTPUT = "cdk.out";

  /**
   * What synthesis produced.
   *
   * @param assembly the cloud assembly's folder
   * @param took how long it took
   */
  record Result(Path assembly, Duration took) {}

  /** Synthesis could not run or failed; the message says why in one line. */
  static final class Failure extends RuntimeException {
    Failure(String message) {
      super(message);
    }
  }

  private CdkSynth() {}

  /**
   * Runs {@code cdk synth} in {@code appDir} and waits for it.
   *
   * @throws Failure when the folder has no {@code cdk.json}, npx is missing, or synthesis fails
   */
  static Result run(Path appDir, Consumer<String> console) {
    Path dir = appDir.toAbsolutePath().normalize();
    if (!Files.isRegularFile(dir.resolve("cdk.json"))) {
      throw new Failure("no CDK app in " + dir + ": it has no cdk.json");
    }
    Path output = dir.resolve(OUTPUT);
    List<String> command = new ArrayList<>(COMMAND);
    command.add(output.toString());
    long begin = System.nanoTime();
    int status = run(command, dir, console);
    if (status != 0) {
      throw new Failure(
          "cdk synth failed (exit " + status + ") in " + dir + ": see the cdk | lines above");
    }
    return new Result(output, Duration.ofNanos(System.nanoTime() - begin));
  }

  private static int run(List<String> command, Path dir, Consumer<String> console) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.putIfAbsent("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
    env.putIfAbsent("CDK_DISABLE_CLI_TELEMETRY", "true");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new Failure(
          "cannot run npx ("
              + e.getMessage()
              + "): --cdk needs Node.js 22 or 24 on the PATH,"
              + " or synthesize yourself and pass --cdk-out DIR");
    }
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        console.accept("cdk | " + line);
      }
      return process.waitFor();
    } catch (IOException e) {
      process.destroyForcibly();
      throw new Failure("reading cdk synth's output failed: " + e.getMessage());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new Failure("interrupted while cdk synth ran");
    }
  }
}
