package dev.idem.idempotency.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.idempotency.ResponseTooLargeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResponseDataTest {

  @Test
  void encode_atThreshold_keptAsText() {
    String json = "x".repeat(ResponseData.COMPRESS_ABOVE_BYTES);

    ResponseData data = ResponseData.encode(json);

    assertThat(data.isCompressed()).isFalse();
    assertThat(data.text()).isEqualTo(json);
  }

  @Test
  void encode_oneByteAboveThreshold_compressedAndRoundTrips() {
    String json = "x".repeat(ResponseData.COMPRESS_ABOVE_BYTES + 1);

    ResponseData data = ResponseData.encode(json);

    assertThat(data.isCompressed()).isTrue();
    assertThat(data.text()).isNull();
    assertThat(data.compressed().length).isLessThan(json.length() / 10);
    assertThat(ResponseData.decompress(data.compressed())).isEqualTo(json);
  }

  @Test
  void encode_multiByteCharacters_thresholdCountsUtf8Bytes() {
    String json = "é".repeat(ResponseData.COMPRESS_ABOVE_BYTES / 2 + 1);
    assertThat(json.length()).isLessThan(ResponseData.COMPRESS_ABOVE_BYTES);

    ResponseData data = ResponseData.encode(json);

    assertThat(data.isCompressed()).isTrue();
    assertThat(ResponseData.decompress(data.compressed())).isEqualTo(json);
  }

  @Test
  void encode_largeCompressible_fitsAndRoundTrips() {
    String json = "\"" + "the same sentence again. ".repeat(40_000) + "\"";
    assertThat(json.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(ResponseData.MAX_BYTES);

    ResponseData data = ResponseData.encode(json);

    assertThat(data.compressed().length).isLessThanOrEqualTo(ResponseData.MAX_BYTES);
    assertThat(ResponseData.decompress(data.compressed())).isEqualTo(json);
  }

  @Test
  void encode_incompressibleAboveLimit_throwsTooLargeWithSizes() {
    byte[] noise = new byte[ResponseData.MAX_BYTES];
    new Random(1).nextBytes(noise);
    String json = "\"" + Base64.getEncoder().encodeToString(noise) + "\"";

    assertThatThrownBy(() -> ResponseData.encode(json))
        .isInstanceOf(ResponseTooLargeException.class)
        .hasMessageContaining(Integer.toString(ResponseData.MAX_BYTES));
  }

  @Test
  void decompress_notGzip_throwsUnchecked() {
    assertThatThrownBy(() -> ResponseData.decompress("plain".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(java.io.UncheckedIOException.class);
  }
}
