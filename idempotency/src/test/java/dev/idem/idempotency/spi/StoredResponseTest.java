package dev.idem.idempotency.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.idempotency.ResponseTooLargeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StoredResponseTest {

  @Test
  void encode_atThreshold_keptAsText() {
    String json = "x".repeat(StoredResponse.COMPRESS_ABOVE_BYTES);

    StoredResponse data = StoredResponse.encode(json);

    assertThat(data.isCompressed()).isFalse();
    assertThat(data.text()).isEqualTo(json);
  }

  @Test
  void encode_oneByteAboveThreshold_compressedAndRoundTrips() {
    String json = "x".repeat(StoredResponse.COMPRESS_ABOVE_BYTES + 1);

    StoredResponse data = StoredResponse.encode(json);

    assertThat(data.isCompressed()).isTrue();
    assertThat(data.text()).isNull();
    assertThat(data.compressed().length).isLessThan(json.length() / 10);
    assertThat(StoredResponse.decompress(data.compressed())).isEqualTo(json);
  }

  @Test
  void encode_multiByteCharacters_thresholdCountsUtf8Bytes() {
    String json = "é".repeat(StoredResponse.COMPRESS_ABOVE_BYTES / 2 + 1);
    assertThat(json.length()).isLessThan(StoredResponse.COMPRESS_ABOVE_BYTES);

    StoredResponse data = StoredResponse.encode(json);

    assertThat(data.isCompressed()).isTrue();
    assertThat(StoredResponse.decompress(data.compressed())).isEqualTo(json);
  }

  @Test
  void encode_largeCompressible_fitsAndRoundTrips() {
    String json = "\"" + "the same sentence again. ".repeat(40_000) + "\"";
    assertThat(json.getBytes(StandardCharsets.UTF_8).length)
        .isGreaterThan(StoredResponse.MAX_BYTES);

    StoredResponse data = StoredResponse.encode(json);

    assertThat(data.compressed().length).isLessThanOrEqualTo(StoredResponse.MAX_BYTES);
    assertThat(StoredResponse.decompress(data.compressed())).isEqualTo(json);
  }

  @Test
  void encode_incompressibleAboveLimit_throwsTooLargeWithSizes() {
    byte[] noise = new byte[StoredResponse.MAX_BYTES];
    new Random(1).nextBytes(noise);
    String json = "\"" + Base64.getEncoder().encodeToString(noise) + "\"";

    assertThatThrownBy(() -> StoredResponse.encode(json))
        .isInstanceOf(ResponseTooLargeException.class)
        .hasMessageContaining(Integer.toString(StoredResponse.MAX_BYTES));
  }

  @Test
  void decompress_notGzip_throwsUnchecked() {
    assertThatThrownBy(() -> StoredResponse.decompress("plain".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(java.io.UncheckedIOException.class);
  }
}
