package dev.idem.local.code;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Resolves a function's code, and its layers, the way {@code sam build} and Lambda do.
 *
 * <ul>
 *   <li>a jar: itself (a shaded jar); a jar or zip with {@code lib/*.jar} inside is Lambda's zip
 *       layout, extracted once;
 *   <li>a folder of classes and {@code lib/*.jar} (Lambda's layout, and {@code sam build}'s output
 *       in {@code .aws-sam/build/<LogicalId>}): the folder, then its {@code lib/} jars;
 *   <li>a Maven module ({@code pom.xml}): its jar in {@code target/} (or {@code target/classes});
 *       unless shaded, followed by its runtime dependencies from the local repository, resolved
 *       offline ({@link MavenClasspath});
 *   <li>a Gradle project ({@code build.gradle[.kts]}): its {@code installDist} output, else its
 *       distribution zip, else its one {@code build/libs} jar;
 *   <li>a folder holding one jar, or one jar in its {@code target/}: that jar.
 * </ul>
 *
 * A layer's content (a folder or zip) adds its {@code java/lib/*.jar}, as the Java runtimes add
 * {@code /opt/java/lib}; a layer that is a Maven module adds its jar and dependencies, as {@code
 * sam build} packs them there.
 */
public final class CodeLayouts {

  private final Archives archives;
  private final MavenClasspath maven;

  /**
   * @param extractTo where zips are extracted (each once, reused while unchanged)
   * @param maven resolves a Maven module's runtime dependencies
   */
  public CodeLayouts(Path extractTo, MavenClasspath maven) {
    this.archives = new Archives(extractTo);
    this.maven = maven;
  }

  /** Extracting under the temporary folder, resolving with the Maven found for each module. */
  public static CodeLayouts standard() {
    return new CodeLayouts(
        Path.of(
            System.getProperty("java.io.tmpdir"), "idem-code-" + System.getProperty("user.name")),
        MavenClasspath.standard());
  }

  /**
   * The class path of the code at {@code codeUri}.
   *
   * @throws CodeLayoutException naming what was looked for, when nothing runnable is there
   */
  public FunctionCode function(Path codeUri) {
    if (Files.isRegularFile(codeUri)) {
      return file(codeUri);
    }
    if (!Files.isDirectory(codeUri)) {
      throw new CodeLayoutException("no code at " + codeUri + " (build it first)");
    }
    return folder(codeUri);
  }

  /**
   * The jars a layer adds, from its {@code ContentUri} or {@code Content}.
   *
   * @throws CodeLayoutException when it holds no {@code java/lib/*.jar} and is no Maven module
   */
  public FunctionCode layer(Path content) {
    if (Files.isRegularFile(content)) {
      return layerFolder(archives.extract(content), content);
    }
    if (!Files.isDirectory(content)) {
      throw new CodeLayoutException("no layer content at " + content + " (build it first)");
    }
    if (Files.isRegularFile(content.resolve("pom.xml"))) {
      return maven(content);
    }
    return layerFolder(content, content);
  }

  private FunctionCode layerFolder(Path root, Path location) {
    List<Path> jars = Jars.in(root.resolve("java/lib"));
    if (jars.isEmpty()) {
      throw new CodeLayoutException(
          "no java/lib/*.jar in the layer " + location + " (the Java runtimes load only those)");
    }
    return new FunctionCode("layer, " + count(jars.size(), "jar"), location, jars);
  }

  private FunctionCode file(Path file) {
    String name = file.getFileName().toString();
    boolean zip = name.endsWith(".zip");
    if (!zip && !name.endsWith(".jar")) {
      throw new CodeLayoutException(file + " is neither a jar nor a zip");
    }
    if (zip || Archives.hasLibJars(file)) {
      Path root = archives.extract(file);
      return lambdaFolder(root, file, "zip");
    }
    return FunctionCode.jar(file);
  }

  private FunctionCode folder(Path dir) {
    if (Files.isRegularFile(dir.resolve("pom.xml"))) {
      return maven(dir);
    }
    if (Files.isRegularFile(dir.resolve("build.gradle"))
        || Files.isRegularFile(dir.resolve("build.gradle.kts"))) {
      return GradleOutput.resolve(dir, archives);
    }
    if (Files.isDirectory(dir.resolve("lib")) || holdsClasses(dir)) {
      boolean samBuild =
          dir.getParent() != null && dir.getParent().endsWith(Path.of(".aws-sam", "build"));
      return lambdaFolder(dir, dir, samBuild ? "sam build folder" : "folder");
    }
    List<Path> jars = Jars.runnable(dir);
    if (jars.isEmpty()) {
      jars = Jars.runnable(dir.resolve("target"));
    }
    if (jars.size() == 1) {
      return FunctionCode.jar(jars.get(0));
    }
    throw new CodeLayoutException(
        "no code in the folder "
            + dir
            + ": looked for a pom.xml, a build.gradle, classes or lib/*.jar, and one jar in it or"
            + " in its target/"
            + (jars.isEmpty() ? "" : " (found several: " + names(jars) + ")"));
  }

  /** Lambda's layout: classes and resources at the root, libraries in {@code lib/}. */
  static FunctionCode lambdaFolder(Path root, Path location, String kind) {
    List<Path> entries = new ArrayList<>();
    if (holdsMoreThanLib(root)) {
      entries.add(root);
    }
    List<Path> lib = Jars.in(root.resolve("lib"));
    entries.addAll(lib);
    if (entries.isEmpty()) {
      throw new CodeLayoutException("the " + kind + " " + location + " is empty");
    }
    String what =
        lib.isEmpty() ? " of classes" : " of classes and " + count(lib.size(), "jar") + " in lib/";
    return new FunctionCode(kind + what, location, entries);
  }

  private FunctionCode maven(Path module) {
    Path target = module.resolve("target");
    List<Path> jars = Jars.runnable(target);
    Optional<Path> uber = jars.stream().filter(jar -> Jars.isShaded(jar, target)).findFirst();
    if (uber.isPresent()) {
      return new FunctionCode("shaded jar of a Maven module", module, List.of(uber.get()));
    }
    if (jars.size() > 1) {
      throw new CodeLayoutException(
          "the Maven module " + module + " has several jars in target/: " + names(jars));
    }
    Path own = jars.isEmpty() ? target.resolve("classes") : jars.get(0);
    if (!Files.isDirectory(own) && !Files.isRegularFile(own)) {
      throw new CodeLayoutException(
          "the Maven module "
              + module
              + " is not built: no jar or classes in target/ (mvn package)");
    }
    MavenClasspath.Resolved deps = maven.runtimeDependencies(module);
    List<Path> entries = new ArrayList<>(List.of(own));
    entries.addAll(deps.jars());
    return new FunctionCode(
        "Maven module + "
            + count(deps.jars().size(), "dependency", "dependencies")
            + " "
            + deps.how(),
        module,
        entries);
  }

  /** Whether the folder holds classes of its own (not a build tool's output in it). */
  private static boolean holdsClasses(Path dir) {
    Path target = dir.resolve("target");
    Path build = dir.resolve("build");
    try (Stream<Path> files = Files.walk(dir, 12)) {
      return files
          .filter(file -> !file.startsWith(target) && !file.startsWith(build))
          .anyMatch(file -> file.getFileName().toString().endsWith(".class"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the root holds anything but {@code lib/*.jar}: classes, resources. */
  private static boolean holdsMoreThanLib(Path root) {
    Path lib = root.resolve("lib");
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .anyMatch(f -> !(f.getParent().equals(lib) && f.toString().endsWith(".jar")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String names(List<Path> files) {
    return String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList());
  }

  static String count(int n, String one) {
    return count(n, one, one + "s");
  }

  static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
