package dev.idem.idempotency.spi;

import dev.idem.idempotency.ResponseTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How a response is kept in a record, and the size rule every store applies: JSON text when small,
 * gzip-compressed bytes above a threshold, and refused with {@link ResponseTooLargeException},
 * before anything is written, when even compressed it would not fit. A store calls {@link #encode}
 * in {@link IdempotencyStore#complete}, whatever it keeps, so that a handler fails the same way on
 * every store (the store contract tests check it); it may keep the text or the bytes as it likes.
 *
 * @param text the JSON, when stored as text
 * @param compressed the gzip of the JSON, when stored compressed
 */
public record StoredResponse(String text, byte[] compressed) {

  /** Responses above this many UTF-8 bytes are compressed. */
  public static final int COMPRESS_ABOVE_BYTES = 32 * 1024;

  /**
   * The most a record may hold, compressed: DynamoDB's 400 KB item less room for the other
   * attributes, the tightest limit of the stores the library ships.
   */
  public static final int MAX_BYTES = 350 * 1024;

  /**
   * Encodes a response.
   *
   * @throws ResponseTooLargeException when it does not fit even compressed
   */
  public static StoredResponse encode(String json) {
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= COMPRESS_ABOVE_BYTES) {
      return new StoredResponse(json, null);
    }
    byte[] gzip = gzip(utf8);
    if (gzip.length > MAX_BYTES) {
      throw new ResponseTooLargeException(gzip.length, MAX_BYTES);
    }
    return new StoredResponse(null, gzip);
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
