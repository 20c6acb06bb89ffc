package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class SeedDataTest {

  @Test
  void read_itemsPerTable_keepsTablesAndTypes() {
    String json =
        """
        {"tables": {
          "CatalogTable": [{"sku": "SKU-001", "unitPrice": 2490, "active": true}],
          "InventoryTable": [{"sku": "SKU-001", "available": 500}, {"sku": "SKU-002", "available": 1.5}]
        }}
        """;

    Map<String, List<Map<String, AttributeValue>>> tables = SeedData.read(json);

    assertThat(tables).containsOnlyKeys("CatalogTable", "InventoryTable");
    assertThat(tables.get("CatalogTable").getFirst())
        .containsEntry("sku", AttributeValue.fromS("SKU-001"))
        .containsEntry("unitPrice", AttributeValue.fromN("2490"))
        .containsEntry("active", AttributeValue.fromBool(true));
    assertThat(tables.get("InventoryTable").get(1))
        .containsEntry("available", AttributeValue.fromN("1.5"));
  }

  @Test
  void read_nestedValues_becomeListsAndMaps() {
    String json = "{\"tables\":{\"T\":[{\"lines\":[{\"q\":2}],\"note\":null}]}}";

    Map<String, AttributeValue> item = SeedData.read(json).get("T").getFirst();

    assertThat(item.get("lines"))
        .isEqualTo(
            AttributeValue.fromL(
                List.of(AttributeValue.fromM(Map.of("q", AttributeValue.fromN("2"))))));
    assertThat(item.get("note")).isEqualTo(AttributeValue.fromNul(true));
  }
}
