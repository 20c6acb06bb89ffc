package dev.idem.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.infra.OrdersStack;
import dev.idem.infra.StageSettings;
import dev.idem.infra.constructs.IdempotentFunction;
import dev.idem.local.template.CloudAssembly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awscdk.App;

/**
 * The reference system's CDK app as {@code cdk synth} makes it — cdk.json's context, {@link
 * OrdersStack}, the shaded functions jar as the functions' asset — synthesized once per test JVM
 * with the CDK library into {@code target/cdk-e2e}. The stack bakes the providers' URLs in from
 * context: they name two ports found free here, where the local cloud then runs its stubs.
 */
final class CdkAssemblies {

  /**
   * The synthesized stack.
   *
   * @param templateFile its template in the cloud assembly
   * @param paymentsPort the port its payment provider URL names
   * @param notificationsPort the port its notification provider URL names
   * @param took how long synthesis took (the first in a JVM starts jsii's Node process)
   */
  record Synthesized(Path templateFile, int paymentsPort, int notificationsPort, Duration took) {}

  private static final Path OUT = Path.of("target", "cdk-e2e").toAbsolutePath();
  private static final Path FUNCTIONS_JAR = TestClouds.ROOT.resolve(IdempotentFunction.DEFAULT_JAR);

  private static Synthesized orders;

  private CdkAssemblies() {}

  /** OrdersStack, synthesized on first use. */
  static synchronized Synthesized ordersStack() {
    if (orders == null) {
      orders = synthesize();
    }
    return orders;
  }

  private static Synthesized synthesize() {
    long begin = System.nanoTime();
    int payments = freePort();
    int notifications = freePort();
    Map<String, Object> context = new LinkedHashMap<>(cdkJsonContext());
    // What the CDK CLI asks every app for: asset and construct path metadata in the templates.
    context.put("aws:cdk:enable-asset-metadata", true);
    context.put("aws:cdk:enable-path-metadata", true);
    context.put("paymentProviderUrl", "http://127.0.0.1:" + payments);
    context.put("notificationProviderUrl", "http://127.0.0.1:" + notifications);
    deleteRecursively(OUT);
    App app =
        App.Builder.create()
            .outdir(OUT.toString())
            .context(context)
            .analyticsReporting(false)
            .build();
    StageSettings settings = StageSettings.fromContext(app.getNode()::tryGetContext);
    String name = "idem-orders-" + settings.stage();
    new OrdersStack(app, name, settings, IdempotentFunction.codeFromJar(FUNCTIONS_JAR.toString()));
    app.synth();
    Path template = CloudAssembly.read(OUT).stack(name).templateFile();
    return new Synthesized(
        template, payments, notifications, Duration.ofNanos(System.nanoTime() - begin));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cdkJsonContext() {
    try {
      Map<String, Object> cdkJson =
          new ObjectMapper().readValue(TestClouds.ROOT.resolve("cdk.json").toFile(), Map.class);
      return (Map<String, Object>) cdkJson.get("context");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
