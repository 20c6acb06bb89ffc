package dev.idem.local.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDKs installed on this machine, found where installers and version managers put them: this
 * JVM's own, {@code JAVA_HOME} and the {@code JAVA_HOME_<NN>[_X64|_ARM64]} variables GitHub's
 * runners set, {@code /usr/lib/jvm/*}, {@code /Library/Java/JavaVirtualMachines/*}{@code
 * /Contents/Home}, SDKMAN, asdf, mise, IntelliJ's {@code ~/.jdks} and Gradle's toolchains.
 */
public final class Jdks {

  private static final Pattern VERSIONED_HOME =
      Pattern.compile("JAVA_HOME_\\d+(_X64|_ARM64|_AARCH64|_X86)?");

  private final List<Jdk> installed;

  Jdks(List<Jdk> installed) {
    this.installed = List.copyOf(installed);
  }

  /** The JDKs of this machine, this JVM's first. */
  public static Jdks discover() {
    return discover(
        System.getenv(),
        Path.of(System.getProperty("user.home")),
        Path.of("/"),
        Path.of(System.getProperty("java.home")));
  }

  /**
   * The JDKs found from {@code env}, the home folder and the system folders under {@code root},
   * {@code current} first; each JDK once, however many ways lead to it.
   */
  static Jdks discover(Map<String, String> env, Path userHome, Path root, Path current) {
    List<Path> candidates = new ArrayList<>();
    candidates.add(current);
    Optional.ofNullable(env.get("JAVA_HOME")).map(Path::of).ifPresent(candidates::add);
    env.keySet().stream()
        .filter(name -> VERSIONED_HOME.matcher(name).matches())
        .sorted()
        .forEach(name -> candidates.add(Path.of(env.get(name))));
    candidates.addAll(children(root.resolve("usr/lib/jvm")));
    children(root.resolve("Library/Java/JavaVirtualMachines"))
        .forEach(jvm -> candidates.add(jvm.resolve("Contents/Home")));
    for (String manager :
        List.of(
            ".sdkman/candidates/java",
            ".asdf/installs/java",
            ".local/share/mise/installs/java",
            ".jdks",
            ".gradle/jdks")) {
      candidates.addAll(children(userHome.resolve(manager)));
    }
    Map<Path, Jdk> unique = new LinkedHashMap<>();
    for (Path candidate : candidates) {
      Path real = realPath(candidate);
      Jdk.at(real).ifPresent(jdk -> unique.putIfAbsent(real, jdk));
    }
    return new Jdks(new ArrayList<>(unique.values()));
  }

  /** Every JDK found, this JVM's first. */
  public List<Jdk> installed() {
    return installed;
  }

  /**
   * The JDK a function on {@code runtime} runs on: one of its feature version (this JVM if it is
   * one), else the nearest newer one; none when every JDK here is older.
   */
  public Optional<RuntimeJdk> forRuntime(LambdaJava runtime) {
    return installed.stream()
        .filter(jdk -> jdk.feature() >= runtime.feature())
        .min(Comparator.comparingInt(Jdk::feature))
        .map(jdk -> new RuntimeJdk(runtime, jdk));
  }

  private static List<Path> children(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}
