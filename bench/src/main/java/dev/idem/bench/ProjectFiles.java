package dev.idem.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository files the local-cloud benchmarks read: the template, the sample events, the seed
 * data and the functions' shaded jar. The root is the system property {@code idem.root} ({@code
 * bin/idem} sets it), else the working directory.
 *
 * @param root the repository's root folder
 */
record ProjectFiles(Path root) {

  /** The repository this benchmark runs in. */
  static ProjectFiles locate() {
    Path root = Path.of(System.getProperty("idem.root", ".")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("template.yaml"))) {
      throw new IllegalStateException(
          "No template.yaml in " + root + ": run the benchmark with bin/idem bench NAME");
    }
    return new ProjectFiles(root);
  }

  Path template() {
    return root.resolve("template.yaml");
  }

  /** One sample event of {@code events/samples/}, e.g. {@code place-order}. */
  Path sample(String name) {
    return root.resolve("events/samples").resolve(name + ".json");
  }

  Path seed() {
    return root.resolve("seed/catalog.json");
  }

  /**
   * The functions' shaded jar, as template.yaml's CodeUri names it.
   *
   * @throws IllegalStateException when it has not been built
   */
  Path functionsJar() {
    Path jar = root.resolve("functions/target/idem-functions.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it with ./mvnw -B -ntp -pl functions -am package -DskipTests");
    }
    return jar;
  }
}
