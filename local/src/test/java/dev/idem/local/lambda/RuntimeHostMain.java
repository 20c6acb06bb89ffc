package dev.idem.local.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A JVM that owns a runtime with one warm instance, prints that instance's process id, and waits to
 * be stopped: {@link ShutdownIT} sends it SIGTERM, as Ctrl-C would.
 */
public final class RuntimeHostMain {

  private RuntimeHostMain() {}

  public static void main(String[] args) throws Exception {
    LambdaRuntime runtime =
        LambdaRuntime.start(
            List.of(FixtureJar.function("echo", "EchoHandler", 1, Duration.ofSeconds(5))),
            new LambdaRuntime.Options(null, Duration.ofSeconds(30), line -> {}));
    InvocationResult result = runtime.invoke("echo", "{}".getBytes(StandardCharsets.UTF_8));
    System.out.println("status " + result.status());
    System.out.println("instance-pid " + runtime.processIds().get(0));
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
