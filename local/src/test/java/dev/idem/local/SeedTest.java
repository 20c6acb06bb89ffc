package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.local.template.StackSpec;
import dev.idem.local.template.Template;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class SeedTest {

  @TempDir Path dir;

  @Test
  void value_plainJson_typedAttributes() throws Exception {
    AttributeValue value =
        Seed.value(
            new ObjectMapper()
                .readTree(
                    """
                    {"s":"x","n":2490,"d":1.5,"b":true,"z":null,"l":[1,"a"],"m":{"k":"v"}}
                    """));

    assertThat(value.m())
        .containsEntry("s", AttributeValue.fromS("x"))
        .containsEntry("n", AttributeValue.fromN("2490"))
        .containsEntry("d", AttributeValue.fromN("1.5"))
        .containsEntry("b", AttributeValue.fromBool(true))
        .containsEntry("z", AttributeValue.fromNul(true))
        .containsEntry(
            "l",
            AttributeValue.fromL(List.of(AttributeValue.fromN("1"), AttributeValue.fromS("a"))))
        .containsEntry("m", AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"))));
  }

  @Test
  void read_repositorySeed_itemsPerLogicalTable() {
    Seed seed = Seed.read(Path.of("../seed/catalog.json"));

    assertThat(seed.items()).containsOnlyKeys("CatalogTable", "InventoryTable");
    assertThat(seed.items().get("CatalogTable")).hasSize(12);
    assertThat(seed.items().get("InventoryTable").get(0))
        .containsEntry("sku", AttributeValue.fromS("SKU-001"))
        .containsEntry("available", AttributeValue.fromN("500"));
  }

  @Test
  void read_wrongShape_failsNamingTheFormat() throws Exception {
    Path list = Files.writeString(dir.resolve("list.json"), "[1,2]");
    Path scalar = Files.writeString(dir.resolve("scalar.json"), "{\"tables\":{\"T\":[1]}}");

    assertThatThrownBy(() -> Seed.read(list))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{\"tables\": {\"<LogicalTableId>\": [items]}}");
    assertThatThrownBy(() -> Seed.read(scalar))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("an item is not an object");
  }

  @Test
  void write_unknownTable_failsListingTheTemplatesTables() throws Exception {
    Path file =
        Files.writeString(dir.resolve("s.json"), "{\"tables\":{\"Nope\":[{\"id\":\"1\"}]}}");
    StackSpec stack =
        Template.parse(
                """
                Resources:
                  Things:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                """,
                dir,
                Map.of())
            .specs();

    assertThatThrownBy(() -> Seed.read(file).write(stack, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Seed data for Nope")
        .hasMessageContaining("[Things]");
  }

  @Test
  void summaryLine_countsAndFirstKeys() {
    Seed.Summary summary =
        new Seed.Summary(
            new java.util.LinkedHashMap<>(Map.of("CatalogTable", 12)),
            List.of("SKU-001", "SKU-002"));

    assertThat(summary.line()).isEqualTo("seeded CatalogTable 12 (e.g. SKU-001, SKU-002)");
  }
}
