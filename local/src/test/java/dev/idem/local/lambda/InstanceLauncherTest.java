package dev.idem.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLauncherTest {

  @TempDir Path workDir;

  private final FunctionDefinition function =
      new FunctionDefinition(
          "orders",
          "example.Orders::handle",
          Path.of("/code/orders.jar"),
          512,
          Duration.ofSeconds(3),
          Map.of(
              "TABLE", "Orders",
              "AWS_LAMBDA_RUNTIME_API", "10.0.0.1:1",
              "_HANDLER", "other.Handler"),
          4);

  @Test
  void command_function_sizesHeapAndPutsASnapshotOfItsJarBeforeRuntimeClient() throws Exception {
    Path jar = java.nio.file.Files.writeString(workDir.resolve("orders.jar"), "not really a jar");
    FunctionDefinition withCode =
        new FunctionDefinition(
            function.name(),
            function.handler(),
            jar,
            function.memoryMb(),
            function.timeout(),
            function.environment(),
            function.concurrencyLimit());

    List<String> command = launcher(null).command(withCode);

    assertThat(command.get(0)).endsWith("/bin/java");
    assertThat(command)
        .contains("-Xmx384m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED")
        .endsWith(InstanceLauncher.RIC_MAIN, "example.Orders::handle");
    assertThat(command).anyMatch(arg -> arg.matches("-D.*NativeClient\\.JNI=.*\\.so"));
    String classpath = command.get(command.indexOf("-cp") + 1);
    Path first = Path.of(classpath.split(File.pathSeparator)[0]);
    assertThat(first).isNotEqualTo(jar).hasFileName(first.getFileName().toString());
    assertThat(first.getFileName().toString()).startsWith("orders-").endsWith(".jar");
    assertThat(first).hasSameBinaryContentAs(jar);
    assertThat(classpath).contains("aws-lambda-java-runtime-interface-client");
  }

  @Test
  void environment_function_hasLambdaVariablesAndItsOwnUnlessReserved() throws Exception {
    Map<String, String> env =
        launcher(URI.create("http://127.0.0.1:4566"))
            .environment(function, 9001, "ASIATESTKEY0000001");

    assertThat(env)
        .containsEntry("TABLE", "Orders")
        .containsEntry("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
        .containsEntry("_HANDLER", "example.Orders::handle")
        .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "orders")
        .containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512")
        .containsEntry("AWS_REGION", "us-east-1")
        .containsEntry("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")
        .containsEntry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/orders")
        .containsEntry("TZ", ":UTC")
        .containsEntry("AWS_ACCESS_KEY_ID", "ASIATESTKEY0000001")
        .containsKeys("AWS_SECRET_ACCESS_KEY", "LAMBDA_TASK_ROOT");
    assertThat(env.get("AWS_LAMBDA_LOG_STREAM_NAME"))
        .matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");
  }

  @Test
  void environment_functionSetsCredentials_instanceKeyWinsAsLambdaReservesThem() throws Exception {
    FunctionDefinition own =
        new FunctionDefinition(
            "orders",
            "example.Orders::handle",
            Path.of("/code/orders.jar"),
            512,
            Duration.ofSeconds(10),
            Map.of("AWS_ACCESS_KEY_ID", "mine"),
            10);

    assertThat(launcher(null).environment(own, 9001, "ASIATESTKEY0000001"))
        .containsEntry("AWS_ACCESS_KEY_ID", "ASIATESTKEY0000001");
  }

  @Test
  void register_twoInstances_eachGetsItsOwnKeyThatFindsIt() {
    InstanceLauncher launcher = launcher(null);
    RunningInstance first = new Stub();
    RunningInstance second = new Stub();

    String a = launcher.register(first);
    String b = launcher.register(second);

    assertThat(a).isNotEqualTo(b).matches("ASIA[A-Z2-7]{16}");
    assertThat(launcher.instance(a)).containsSame(first);
    assertThat(launcher.instance(b)).containsSame(second);
    launcher.unregister(a);
    assertThat(launcher.instance(a)).isEmpty();
  }

  private static final class Stub implements RunningInstance {
    @Override
    public String functionName() {
      return "f";
    }

    @Override
    public String requestId() {
      return null;
    }

    @Override
    public int countCall() {
      return 0;
    }

    @Override
    public void kill() {}

    @Override
    public boolean awaitInvocationEnd(Duration max) {
      return true;
    }
  }

  @Test
  void command_withProxy_jvmProxyAndTrustStorePropertiesBeforeTheClassPath() throws Exception {
    InstanceProxy proxy =
        new InstanceProxy(4999, () -> workDir.resolve("trust.p12"), "pw", workDir.resolve("hosts"));

    List<String> command = launcher(null, proxy).command(function);

    assertThat(command)
        .containsSubsequence(
            "-Djdk.net.hosts.file=" + workDir.resolve("hosts").toAbsolutePath(),
            "-Dhttps.proxyHost=127.0.0.1",
            "-Dhttps.proxyPort=4999",
            "-Dhttp.proxyHost=127.0.0.1",
            "-Dhttp.proxyPort=4999",
            "-Dhttp.nonProxyHosts=localhost|127.*|[::1]|0.0.0.0|[::0]",
            "-Djavax.net.ssl.trustStore=" + workDir.resolve("trust.p12").toAbsolutePath(),
            "-Djavax.net.ssl.trustStorePassword=pw",
            "-Djavax.net.ssl.trustStoreType=JKS",
            "-cp");
  }

  @Test
  void environment_withProxy_proxyVariablesThatTheFunctionMayOverride() throws Exception {
    InstanceProxy proxy = new InstanceProxy(4999, () -> workDir.resolve("trust.p12"), "pw", null);
    FunctionDefinition own =
        new FunctionDefinition(
            "orders",
            "example.Orders::handle",
            Path.of("/code/orders.jar"),
            512,
            Duration.ofSeconds(10),
            Map.of("NO_PROXY", "*"),
            10);

    assertThat(launcher(null, proxy).environment(own, 9001, "ASIATESTKEY0000001"))
        .containsEntry("HTTPS_PROXY", "http://127.0.0.1:4999")
        .containsEntry("HTTP_PROXY", "http://127.0.0.1:4999")
        .containsEntry("NO_PROXY", "*");
  }

  @Test
  void command_noProxy_noProxyProperties() throws Exception {
    assertThat(launcher(null).command(function))
        .noneMatch(arg -> arg.contains("proxy") || arg.contains("trustStore"));
    assertThat(launcher(null).environment(function, 9001, "ASIATESTKEY0000001"))
        .doesNotContainKeys("HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY");
  }

  @Test
  void environment_noEndpoint_setsNoEndpointUrl() throws Exception {
    assertThat(launcher(null).environment(function, 9001, "ASIATESTKEY0000001"))
        .doesNotContainKey("AWS_ENDPOINT_URL");
  }

  @Test
  void locateRuntimeClasspath_thisJvm_findsClientAndItsDependencies() {
    List<String> jars =
        InstanceLauncher.locateRuntimeClasspath().stream()
            .map(path -> path.getFileName().toString())
            .toList();

    assertThat(jars)
        .hasSize(4)
        .anyMatch(jar -> jar.startsWith("aws-lambda-java-runtime-interface-client-"))
        .anyMatch(jar -> jar.startsWith("aws-lambda-java-core-"))
        .anyMatch(jar -> jar.startsWith("aws-lambda-java-serialization-"))
        .anyMatch(jar -> jar.startsWith("utils-lite-"));
  }

  private InstanceLauncher launcher(URI endpoint) {
    return launcher(endpoint, null);
  }

  private InstanceLauncher launcher(URI endpoint, InstanceProxy proxy) {
    return new InstanceLauncher(
        workDir,
        endpoint,
        line -> {},
        InstanceFaults.NONE,
        LambdaRuntime.jdks(List.of(function), Jdks.discover()),
        null,
        proxy);
  }
}
