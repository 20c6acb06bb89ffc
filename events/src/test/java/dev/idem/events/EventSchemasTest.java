package dev.idem.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EventSchemasTest {

  private static final Path SCHEMAS = Path.of("schemas");
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<DomainEvent<OrderEventData>> events() {
    return TestEvents.oneOfEach();
  }

  @ParameterizedTest
  @MethodSource("events")
  void schema_everyProducedEvent_validates(DomainEvent<OrderEventData> event) {
    assertThat(SchemaValidator.problems(event.type(), EventJson.detail(event))).isEmpty();
  }

  @Test
  void schema_everyTypeProduced_coversAllTypes() {
    assertThat(events().stream().map(DomainEvent::type))
        .containsExactlyInAnyOrder(EventType.values());
  }

  @Test
  void schemasFolder_holdsOneSchemaPerTypeAndTheApiRequestSchema() throws IOException {
    List<String> expected =
        new java.util.ArrayList<>(
            Arrays.stream(EventType.values()).map(t -> t.detailType() + ".json").toList());
    expected.add(Path.of(ApiSchemas.PLACE_ORDER_REQUEST).getFileName().toString());
    try (Stream<Path> files = Files.list(SCHEMAS)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void schema_ofType_isTitledAndDescribesItsSource(EventType type) throws IOException {
    JsonNode schema = JSON.readTree(SCHEMAS.resolve(type.detailType() + ".json").toFile());

    assertThat(schema.path("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.path("title").asText()).isEqualTo(type.detailType());
    assertThat(schema.path("description").asText()).contains("Source " + type.source() + ".");
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void schema_metadataDefinition_isTheSameInEveryType(EventType type) throws IOException {
    JsonNode reference = JSON.readTree(SCHEMAS.resolve("OrderPlaced.json").toFile());
    JsonNode schema = JSON.readTree(SCHEMAS.resolve(type.detailType() + ".json").toFile());

    assertThat(schema.at("/$defs/metadata")).isEqualTo(reference.at("/$defs/metadata"));
  }

  @Test
  void schema_fractionalTotal_failsNamingPathAndType() {
    String detail = placedDetail().replace("\"total\":7499", "\"total\":74.99");

    assertThat(SchemaValidator.problems(EventType.ORDER_PLACED, detail))
        .singleElement()
        .asString()
        .contains("/data/total")
        .contains("integer");
  }

  @Test
  void schema_missingMetadataAndBadCurrency_reportsEachProblem() {
    String detail =
        placedDetail().replaceFirst("\"metadata\":\\{[^}]*},", "").replace("EUR", "euro");

    assertThat(SchemaValidator.problems(EventType.ORDER_PLACED, detail))
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("metadata"))
        .anySatisfy(p -> assertThat(p).contains("/data/currency"));
  }

  @Test
  void schema_emptyLinesAndZeroQuantity_fail() {
    String noLines = placedDetail().replaceFirst("\"lines\":\\[.*]", "\"lines\":[]");
    String zero = placedDetail().replace("\"quantity\":2", "\"quantity\":0");

    assertThat(SchemaValidator.problems(EventType.ORDER_PLACED, noLines))
        .singleElement()
        .asString()
        .contains("/data/lines");
    assertThat(SchemaValidator.problems(EventType.ORDER_PLACED, zero))
        .singleElement()
        .asString()
        .contains("/data/lines/0/quantity");
  }

  @Test
  void schema_occurredAtNotADateTime_fails() {
    String detail = placedDetail().replace("2026-11-26T10:00:00Z", "yesterday");

    assertThat(SchemaValidator.problems(EventType.ORDER_PLACED, detail))
        .singleElement()
        .asString()
        .contains("/metadata/occurredAt");
  }

  private static String placedDetail() {
    return EventJson.detail(DomainEvent.of(TestEvents.metadata("evt-1"), TestEvents.orderPlaced()));
  }
}
