package dev.idem.idempotency.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void of_memberOrderDiffers_sameFingerprint() throws Exception {
    Object a = mapper.readTree("{\"b\":1,\"a\":{\"y\":[1,2],\"x\":\"s\"}}");
    Object b = mapper.readTree("{\"a\":{\"x\":\"s\",\"y\":[1,2]},\"b\":1}");

    assertThat(Fingerprints.of(a, mapper)).isEqualTo(Fingerprints.of(b, mapper));
  }

  @Test
  void of_numberSpellingDiffers_sameFingerprint() throws Exception {
    assertThat(Fingerprints.of(mapper.readTree("{\"n\":1.50}"), mapper))
        .isEqualTo(Fingerprints.of(mapper.readTree("{\"n\":1.5}"), mapper));
  }

  @Test
  void of_arrayOrderDiffers_differentFingerprint() {
    assertThat(Fingerprints.of(List.of(1, 2), mapper))
        .isNotEqualTo(Fingerprints.of(List.of(2, 1), mapper));
  }

  @Test
  void of_recordAndEquivalentMap_sameFingerprint() {
    record Order(String sku, int quantity) {}
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("quantity", 2);
    map.put("sku", "A-1");

    assertThat(Fingerprints.of(new Order("A-1", 2), mapper))
        .isEqualTo(Fingerprints.of(map, mapper));
  }

  @Test
  void canonical_nestedObject_membersSortedNoWhitespace() throws Exception {
    assertThat(
            Fingerprints.canonical(
                mapper.readTree("{ \"b\": [true, null], \"a\": \"\\u00e9\" }"), mapper))
        .isEqualTo("{\"a\":\"é\",\"b\":[true,null]}");
  }

  @Test
  void of_nullPayload_isHashOfJsonNull() {
    assertThat(Fingerprints.of(null, mapper)).isEqualTo(Fingerprints.sha256Hex("null"));
  }
}
