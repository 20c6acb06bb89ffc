package dev.idem.idempotency.internal;

import dev.idem.idempotency.ResponseTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How a response is kept in a record: JSON text when small, gzip-compressed bytes above a
 * threshold, and refused, before anything is written, when even compressed it would not fit.
 *
 * @param text the JSON, when stored as text
 * @param compressed the gzip of the JSON, when stored compressed
 */
public record ResponseData(String text, byte[] compressed) {

  /** Responses above this many UTF-8 bytes are compressed. */
  public static final int COMPRESS_ABOVE_BYTES = 32 * 1024;

  /**
   * The most a record may hold, leaving room in DynamoDB's 400 KB item for the other attributes.
   */
  public static final int MAX_BYTES = 350 * 1024;

  /**
   * Encodes a response.
   *
   * @throws ResponseTooLargeException when it does not fit even compressed
   */
  public static ResponseData encode(String json) {
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= COMPRESS_ABOVE_BYTES) {
      return new ResponseData(json, null);
    }
    byte[] gzip = gzip(utf8);
    if (gzip.length > MAX_BYTES) {
      throw new ResponseTooLargeException(gzip.length, MAX_BYTES);
    }
    return new ResponseData(null, gzip);
  }

  /** The JSON back from compressed bytes. */
  public static String decompress(byte[] gzip) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("A stored response is not valid gzip", e);
    }
  }

  /** True when stored compressed. */
  public boolean isCompressed() {
    return compressed != null;
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
