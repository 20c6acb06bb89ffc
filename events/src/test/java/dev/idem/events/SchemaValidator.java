package dev.idem.events;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Validates detail JSON against the schemas packaged in the jar (loaded from the class path). */
final class SchemaValidator {

  // Draft 2020-12 treats "format" as an annotation; assert it, so occurredAt must be a date-time.
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          registry ->
              registry.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
  private static final Map<EventType, Schema> SCHEMAS = new EnumMap<>(EventType.class);

  private SchemaValidator() {}

  /** The problems of {@code detailJson} as a {@code type} detail, one line each; empty if valid. */
  static synchronized List<String> problems(EventType type, String detailJson) {
    Schema schema = SCHEMAS.computeIfAbsent(type, SchemaValidator::load);
    return schema.validate(detailJson, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  private static Schema load(EventType type) {
    try (InputStream in =
        SchemaValidator.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
      if (in == null) {
        throw new IllegalStateException("No schema on the class path: " + type.schemaResource());
      }
      return REGISTRY.getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
