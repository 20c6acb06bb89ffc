package dev.idem.local.lambda;

import dev.idem.testing.LocalAccount;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Builds and starts instance processes: {@code <the runtime's JDK>/bin/java <heap, JIT and
 * compatibility flags> -cp <function code>:<layers>:<runtime interface client> AWSLambda <handler>}
 * with Lambda's environment.
 */
final class InstanceLauncher {

  static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  /** The runtime interface client and its own dependencies, found by one class of each. */
  private static final List<String> RIC_CLASSES =
      List.of(
          RIC_MAIN,
          "com.amazonaws.services.lambda.runtime.Context",
          "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
          "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

  private static final String JNI_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  private final Map<String, RuntimeJdk> jdks;
  private final Map<String, Optional<String>> classVersionErrors = new ConcurrentHashMap<>();
  private final List<Path> runtimeClasspath;
  private final Path workDir;
  private final URI endpointUrl;
  private final Consumer<String> console;
  private final InstanceFaults faults;
  private final AotCache aotCache;
  private final CodeSnapshots snapshots;
  private final InstanceProxy proxy;
  private final Map<String, RunningInstance> byAccessKey = new ConcurrentHashMap<>();
  private Path jniLibrary;

  /**
   * @param jdks the JDK of each runtime the functions use, by runtime name
   */
  InstanceLauncher(
      Path workDir,
      URI endpointUrl,
      Consumer<String> console,
      InstanceFaults faults,
      Map<String, RuntimeJdk> jdks) {
    this(workDir, endpointUrl, console, faults, jdks, null, null);
  }

  /**
   * A launcher whose instances use class-loading caches in {@code aotCacheDir} (null: none) and
   * reach AWS hosts through {@code proxy}.
   *
   * @param jdks the JDK of each runtime the functions use, by runtime name
   * @param proxy the proxy and trust store the instances' JVMs use for AWS hosts, or null for none
   */
  InstanceLauncher(
      Path workDir,
      URI endpointUrl,
      Consumer<String> console,
      InstanceFaults faults,
      Map<String, RuntimeJdk> jdks,
      Path aotCacheDir,
      InstanceProxy proxy) {
    this.jdks = Map.copyOf(jdks);
    this.runtimeClasspath = locateRuntimeClasspath();
    this.workDir = workDir;
    this.endpointUrl = endpointUrl;
    this.console = console;
    this.faults = faults;
    this.proxy = proxy;
    this.aotCache = new AotCache(aotCacheDir, console);
    this.snapshots =
        new CodeSnapshots(
            aotCacheDir != null ? aotCacheDir.resolve("code") : workDir.resolve("code"));
  }

  /** A started instance process, and how it uses the class-loading cache. */
  record Launch(Process process, AotCache.Plan plan) {

    /** True when the process writes a cache on a graceful stop: stop it with SIGTERM. */
    boolean training() {
      return plan.role() == AotCache.Role.TRAIN;
    }
  }

  List<RuntimeJdk> runtimes() {
    return jdks.values().stream()
        .sorted(java.util.Comparator.comparing(j -> j.runtime().feature()))
        .toList();
  }

  Consumer<String> console() {
    return console;
  }

  InstanceFaults faults() {
    return faults;
  }

  /**
   * A new access key for an instance, by which the edge knows its calls: {@code ASIA} and 16 random
   * capitals and digits, as temporary AWS credentials look.
   */
  String register(RunningInstance instance) {
    String key;
    do {
      key = "ASIA" + randomKeyPart();
    } while (byAccessKey.putIfAbsent(key, instance) != null);
    return key;
  }

  void unregister(String accessKey) {
    byAccessKey.remove(accessKey);
  }

  Optional<RunningInstance> instance(String accessKey) {
    return accessKey == null ? Optional.empty() : Optional.ofNullable(byAccessKey.get(accessKey));
  }

  private static String randomKeyPart() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder part = new StringBuilder(16);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 16; i++) {
      part.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return part.toString();
  }

  Path logFile(String label) {
    return workDir.resolve(label.replaceAll("[^A-Za-z0-9_.-]", "_") + ".log");
  }

  /**
   * Starts one instance signing with {@code accessKey}; its output goes to {@code logFile}, its
   * stdin is closed.
   */
  Launch start(FunctionDefinition function, int runtimeApiPort, Path logFile, String accessKey)
      throws IOException {
    RuntimeJdk jdk = jdk(function);
    List<String> options = options(function);
    List<Path> classpath = classpathEntries(function);
    AotCache.Plan plan =
        aotCache.plan(
            function.name(),
            function.code().location(),
            jdk.jdk().feature(),
            jdkBuild(jdk),
            options,
            classpath);
    List<String> command = new ArrayList<>();
    command.add(jdk.jdk().java().toString());
    command.addAll(options);
    command.addAll(plan.flags());
    command.addAll(mainAndHandler(function, classpath));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(taskRoot().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().clear();
    builder.environment().putAll(environment(function, runtimeApiPort, accessKey));
    Process process;
    try {
      process = builder.start();
    } catch (IOException | RuntimeException e) {
      if (plan.role() == AotCache.Role.TRAIN) {
        aotCache.trainingEnded(function.name(), plan);
      }
      throw e;
    }
    process.getOutputStream().close();
    if (plan.role() == AotCache.Role.TRAIN) {
      process.onExit().thenRun(() -> aotCache.trainingEnded(function.name(), plan));
    }
    return new Launch(process, plan);
  }

  /** The command line of a plain start (no class-loading cache). */
  List<String> command(FunctionDefinition function) throws IOException {
    RuntimeJdk jdk = jdk(function);
    List<String> command = new ArrayList<>();
    command.add(jdk.jdk().java().toString());
    command.addAll(options(function));
    command.addAll(mainAndHandler(function, classpathEntries(function)));
    return command;
  }

  private List<String> options(FunctionDefinition function) throws IOException {
    List<String> options = new ArrayList<>();
    options.add("-Xmx" + Math.max(function.memoryMb() * 3 / 4, 64) + "m");
    options.addAll(jdk(function).options());
    options.add("-D" + JNI_PROPERTY + "=" + jniLibrary());
    if (proxy != null) {
      options.addAll(proxy.jvmOptions());
    }
    return options;
  }

  /** What identifies the JDK's build for its caches: its {@code release} file, else its home. */
  private static String jdkBuild(RuntimeJdk jdk) {
    try {
      return Files.readString(jdk.jdk().home().resolve("release"));
    } catch (IOException e) {
      return jdk.jdk().home() + " " + jdk.jdk().feature();
    }
  }

  private static List<String> mainAndHandler(FunctionDefinition function, List<Path> classpath) {
    return List.of(
        "-cp",
        String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()),
        RIC_MAIN,
        function.handler());
  }

  /**
   * Lambda's variables over the function's own: the function may set anything but the runtime's
   * identity (name, handler, Runtime API address, task root, log names) and its credentials, which
   * Lambda reserves too.
   */
  Map<String, String> environment(FunctionDefinition function, int runtimeApiPort, String accessKey)
      throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
    env.put("LANG", "en_US.UTF-8");
    env.put("TZ", ":UTC");
    env.put("AWS_REGION", LocalAccount.REGION);
    env.put("AWS_DEFAULT_REGION", LocalAccount.REGION);
    env.put("AWS_EXECUTION_ENV", function.lambdaJava().executionEnv());
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    if (endpointUrl != null) {
      env.put("AWS_ENDPOINT_URL", endpointUrl.toString());
    }
    if (proxy != null) {
      env.putAll(proxy.environment());
    }
    env.putAll(function.environment());
    env.put("AWS_ACCESS_KEY_ID", accessKey);
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    env.put("AWS_SESSION_TOKEN", "local");
    env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
    env.put("_HANDLER", function.handler());
    env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApiPort);
    env.put("LAMBDA_TASK_ROOT", taskRoot().toString());
    env.put("LAMBDA_RUNTIME_DIR", taskRoot().toString());
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName());
    return env;
  }

  /** The JDK the function's runtime runs on. */
  RuntimeJdk jdk(FunctionDefinition function) {
    RuntimeJdk jdk = jdks.get(function.runtime());
    if (jdk == null) {
      throw new IllegalStateException("No JDK was chosen for " + function.runtime());
    }
    return jdk;
  }

  /**
   * Lambda's init error for a handler class compiled for a newer Java than the function's runtime,
   * when it runs on a newer JDK that would load it (on the runtime's own JDK, the JVM refuses it
   * itself).
   */
  Optional<String> classVersionError(FunctionDefinition function) {
    if (jdk(function).exact()) {
      return Optional.empty();
    }
    return classVersionErrors.computeIfAbsent(
        function.name(),
        name -> ClassVersions.tooNew(function.code(), function.handler(), function.lambdaJava()));
  }

  /**
   * The function's code and layers, each entry a snapshot (a jar, folders packed) unless it comes
   * from the local Maven repository, whose jars do not change; then the runtime interface client. A
   * rebuild cannot change the code under a running instance.
   */
  private List<Path> classpathEntries(FunctionDefinition function) {
    Set<Path> entries = new LinkedHashSet<>();
    for (Path entry : function.code().classpath()) {
      boolean snapshot = !fromMavenRepository(entry) && Files.exists(entry);
      entries.add(snapshot ? snapshots.snapshot(entry) : entry);
    }
    entries.addAll(runtimeClasspath);
    return List.copyOf(entries);
  }

  private static boolean fromMavenRepository(Path entry) {
    return entry.toAbsolutePath().normalize().toString().contains("/.m2/repository/");
  }

  /**
   * An empty folder as the working directory: the client adds the working directory and its {@code
   * lib/} jars to the handler's class loader, so it must not be the function's own folder.
   */
  private Path taskRoot() throws IOException {
    return Files.createDirectories(workDir.resolve("task"));
  }

  /**
   * The client's native library, unpacked once per runtime. Left to itself, every process unpacks
   * it to the same file in /tmp, and a process starting while another rewrites it can load a torn
   * copy.
   */
  private synchronized Path jniLibrary() throws IOException {
    if (jniLibrary == null) {
      String name = "libaws-lambda-jni." + platform() + ".so";
      Path target = workDir.resolve(name);
      try (InputStream in = loader().getResourceAsStream("jni/" + name)) {
        if (in == null) {
          throw new IllegalStateException("The runtime interface client jar lacks jni/" + name);
        }
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      jniLibrary = target;
    }
    return jniLibrary;
  }

  private static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      throw new IllegalStateException(
          "Function instances run AWS's runtime interface client, whose native part exists for"
              + " Linux only (x86_64, arm64); this machine runs "
              + System.getProperty("os.name"));
    }
    String cpu =
        switch (arch) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64", "arm64" -> "aarch_64";
          default -> throw new IllegalStateException("No runtime interface client for CPU " + arch);
        };
    return (isMusl() ? "linux_musl-" : "linux-") + cpu;
  }

  private static boolean isMusl() {
    try (var files = Files.list(Path.of("/lib"))) {
      return files.anyMatch(file -> file.getFileName().toString().startsWith("ld-musl-"));
    } catch (IOException e) {
      return false;
    }
  }

  private static String logStreamName() {
    return LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
        + "/[$LATEST]"
        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  private static ClassLoader loader() {
    return InstanceLauncher.class.getClassLoader();
  }

  /** The jars holding the client and its dependencies, as this JVM loaded them. */
  static List<Path> locateRuntimeClasspath() {
    Set<Path> jars = new LinkedHashSet<>();
    for (String className : RIC_CLASSES) {
      try {
        CodeSource source =
            Class.forName(className, false, loader()).getProtectionDomain().getCodeSource();
        if (source == null) {
          throw new ClassNotFoundException(className + " has no code source");
        }
        jars.add(Path.of(source.getLocation().toURI()));
      } catch (ClassNotFoundException | URISyntaxException e) {
        throw new IllegalStateException(
            "Cannot locate "
                + className
                + " (aws-lambda-java-runtime-interface-client) on the class path",
            e);
      }
    }
    return List.copyOf(jars);
  }
}
