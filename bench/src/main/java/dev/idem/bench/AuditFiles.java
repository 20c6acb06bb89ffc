package dev.idem.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The files an exactly-once run starts its local cloud with, written under {@code
 * bench/target/exactly-once/}: the seed with the run's stock ({@link OrderMix#stock()}), and, when
 * the run shortens it, a copy of template.yaml whose queues' {@code VisibilityTimeout} is shorter
 * (everything else as declared).
 *
 * @param folder where they are written
 */
record AuditFiles(Path folder) {

  /** The files of a run in {@code files}' repository. */
  static AuditFiles in(ProjectFiles files) throws IOException {
    return new AuditFiles(
        Files.createDirectories(files.root().resolve("bench/target/exactly-once")));
  }

  /** The repository's seed with each SKU of {@code stock} stocked as it says. */
  Path seed(ProjectFiles files, Map<String, Long> stock) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode seed = (ObjectNode) json.readTree(files.seed().toFile());
    seed.path("tables")
        .path("InventoryTable")
        .forEach(item -> {
          Long units = stock.get(item.path("sku").asText());
          if (units != null) {
            ((ObjectNode) item).put("available", units);
          }
        });
    Path target = folder.resolve("seed.json");
    json.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), seed);
    return target;
  }

  /**
   * template.yaml as declared when {@code visibilityTimeout} is null; else a copy in which every
   * {@code VisibilityTimeout: 180} is {@code visibilityTimeout}, with the functions' jar as an
   * absolute path.
   *
   * @throws IllegalStateException when the template no longer declares what is replaced
   */
  Path template(ProjectFiles files, Duration visibilityTimeout) throws IOException {
    if (visibilityTimeout == null) {
      return files.template();
    }
    String yaml = Files.readString(files.template());
    String copy =
        yaml.replace(
                "VisibilityTimeout: " + DECLARED_VISIBILITY.toSeconds(),
                "VisibilityTimeout: " + visibilityTimeout.toSeconds())
            .replace(
                "CodeUri: functions/target/idem-functions.jar",
                "CodeUri: " + files.functionsJar().toAbsolutePath());
    if (!copy.contains("VisibilityTimeout: " + visibilityTimeout.toSeconds())
        || copy.contains("CodeUri: functions/")) {
      throw new IllegalStateException(
          "template.yaml changed: its VisibilityTimeout or CodeUri are no longer where expected");
    }
    return Files.writeString(folder.resolve("template.yaml"), copy);
  }

  /** The work queues' visibility timeout in template.yaml. */
  static final Duration DECLARED_VISIBILITY = Duration.ofSeconds(180);
}
