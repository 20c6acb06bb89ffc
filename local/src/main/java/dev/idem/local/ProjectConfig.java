package dev.idem.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.local.stubs.StubSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What a project declares for running it locally, beside its template (or its CDK app's {@code
 * cdk.json}) in {@value #FILE_NAME}: the HTTP stubs of its external providers and its seed data.
 * The local cloud itself knows nothing of any project.
 *
 * {@snippet lang = "json" :
 * {"stubs": [{"name": "payments", "port": 4010, "idPrefix": "ch", "parameter": "PaymentProviderUrl"}],
 *  "seed": "seed/catalog.json"}
 * }
 *
 * @param file where it was read from, or null when the project has none
 * @param stubs the stubs, in file order
 * @param seed the seed file ({@code {"tables": {"<LogicalTableId>": [items]}}}, relative paths from
 *     the config's folder), or null for none
 */
public record ProjectConfig(Path file, List<StubSpec> stubs, Path seed) {

  /** The file name looked for beside a template. */
  public static final String FILE_NAME = "idem-local.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS = Set.of("stubs", "seed");
  private static final Set<String> STUB_FIELDS = Set.of("name", "port", "idPrefix", "parameter");

  /** Checks the components. */
  public ProjectConfig {
    stubs = List.copyOf(stubs);
  }

  /** No stubs, no seed. */
  public static ProjectConfig none() {
    return new ProjectConfig(null, List.of(), null);
  }

  /** The configuration beside {@code template} ({@value #FILE_NAME} in its folder), or none. */
  public static ProjectConfig beside(Path template) {
    Path folder = template.toAbsolutePath().normalize().getParent();
    Path file = folder == null ? null : folder.resolve(FILE_NAME);
    return file != null && Files.isRegularFile(file) ? read(file) : none();
  }

  /**
   * Reads a configuration file.
   *
   * @throws IllegalArgumentException naming the file and the field that is wrong
   * @throws UncheckedIOException when it cannot be read
   */
  public static ProjectConfig read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": expected a JSON object {\"stubs\", \"seed\"}");
    }
    unknown(root, FIELDS, file + "");
    return new ProjectConfig(file, stubs(root.get("stubs"), file), seed(root.get("seed"), file));
  }

  private static List<StubSpec> stubs(JsonNode list, Path file) {
    List<StubSpec> stubs = new ArrayList<>();
    if (list == null) {
      return stubs;
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException(file + ": stubs must be a list");
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode stub = list.get(i);
      String path = file + ": stubs[" + i + "]";
      if (!stub.isObject()) {
        throw new IllegalArgumentException(path + " must be an object");
      }
      unknown(stub, STUB_FIELDS, path);
      String name = text(stub, "name", path, null);
      if (name == null) {
        throw new IllegalArgumentException(path + ".name is required");
      }
      try {
        stubs.add(
            new StubSpec(
                name,
                port(stub.get("port"), path),
                text(stub, "idPrefix", path, name),
                text(stub, "parameter", path, null)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
      }
    }
    if (stubs.stream().map(StubSpec::name).distinct().count() != stubs.size()) {
      throw new IllegalArgumentException(file + ": two stubs have the same name");
    }
    return stubs;
  }

  private static int port(JsonNode port, String path) {
    if (port == null || port.isNull()) {
      return 0;
    }
    if (!port.isIntegralNumber()) {
      throw new IllegalArgumentException(path + ".port must be a whole number");
    }
    return port.asInt();
  }

  private static Path seed(JsonNode seed, Path file) {
    if (seed == null || seed.isNull()) {
      return null;
    }
    if (!seed.isTextual() || seed.asText().isBlank()) {
      throw new IllegalArgumentException(file + ": seed must be a file path");
    }
    Path resolved = file.toAbsolutePath().getParent().resolve(seed.asText()).normalize();
    if (!Files.isRegularFile(resolved)) {
      throw new IllegalArgumentException(file + ": seed file " + resolved + " does not exist");
    }
    return resolved;
  }

  private static String text(JsonNode node, String field, String path, String absent) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return absent;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException(path + "." + field + " must be a non-empty string");
    }
    return value.asText();
  }

  private static void unknown(JsonNode node, Set<String> known, String path) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            path
                + ": unknown field '"
                + name
                + "' (known: "
                + known.stream().sorted().toList()
                + ")");
      }
    }
  }
}
