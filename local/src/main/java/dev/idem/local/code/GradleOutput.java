package dev.idem.local.code;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Gradle project's built code, without running Gradle: {@code installDist}'s {@code
 * build/install/<name>/lib}, else the one zip in {@code build/distributions} (the application
 * plugin's {@code <name>/lib/*.jar}, or a Lambda zip of classes and {@code lib/} as AWS's {@code
 * buildZip} example makes), else the one jar in {@code build/libs} (a shadow {@code -all} jar
 * first), which runs as it is.
 */
final class GradleOutput {

  private GradleOutput() {}

  static FunctionCode resolve(Path project, Archives archives) {
    Path build = project.resolve("build");
    List<Path> installs = folders(build.resolve("install"));
    if (installs.size() == 1) {
      return distribution(installs.get(0), project, "Gradle installDist");
    }
    List<Path> zips = files(build.resolve("distributions"), ".zip");
    if (zips.size() == 1) {
      Path root = archives.extract(zips.get(0));
      List<Path> top = folders(root);
      if (top.size() == 1 && Files.isDirectory(top.get(0).resolve("lib"))) {
        return distribution(
            top.get(0), project, "Gradle distribution " + zips.get(0).getFileName());
      }
      return CodeLayouts.lambdaFolder(root, zips.get(0), "Gradle zip");
    }
    List<Path> jars = Jars.runnable(build.resolve("libs"));
    List<Path> shadow = jars.stream().filter(j -> j.toString().endsWith("-all.jar")).toList();
    if (shadow.size() == 1 || jars.size() == 1) {
      Path jar = shadow.size() == 1 ? shadow.get(0) : jars.get(0);
      return new FunctionCode("Gradle jar " + jar.getFileName(), project, List.of(jar));
    }
    throw new CodeLayoutException(
        "no build output of the Gradle project "
            + project
            + ": looked for one build/install/*/lib, one build/distributions/*.zip and one"
            + " build/libs/*.jar (gradle installDist, distZip or build)");
  }

  /**
   * An application distribution: its {@code lib/} jars in the order its start script puts them on
   * the class path (the project's jar first), else by name.
   */
  private static FunctionCode distribution(Path home, Path project, String kind) {
    List<Path> lib = Jars.in(home.resolve("lib"));
    if (lib.isEmpty()) {
      throw new CodeLayoutException("no jars in " + home.resolve("lib") + " (" + kind + ")");
    }
    List<Path> ordered = scriptOrder(home, lib);
    return new FunctionCode(
        kind + ", " + CodeLayouts.count(ordered.size(), "jar"), project, ordered);
  }

  private static List<Path> scriptOrder(Path home, List<Path> lib) {
    Path script = home.resolve("bin").resolve(home.getFileName().toString());
    if (!Files.isRegularFile(script)) {
      return lib;
    }
    try (Stream<String> lines = Files.lines(script)) {
      String classpath =
          lines.filter(line -> line.startsWith("CLASSPATH=")).findFirst().orElse(null);
      if (classpath == null) {
        return lib;
      }
      List<Path> ordered = new ArrayList<>();
      for (String entry : classpath.substring("CLASSPATH=".length()).split(":")) {
        Path jar = home.resolve("lib").resolve(Path.of(entry).getFileName().toString());
        if (lib.contains(jar) && !ordered.contains(jar)) {
          ordered.add(jar);
        }
      }
      lib.stream().filter(jar -> !ordered.contains(jar)).forEach(ordered::add);
      return ordered;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> folders(Path parent) {
    return list(parent).stream().filter(Files::isDirectory).toList();
  }

  private static List<Path> files(Path parent, String suffix) {
    return list(parent).stream()
        .filter(f -> f.getFileName().toString().endsWith(suffix) && Files.isRegularFile(f))
        .toList();
  }

  private static List<Path> list(Path parent) {
    if (!Files.isDirectory(parent)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(parent)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
