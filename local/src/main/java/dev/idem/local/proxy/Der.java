package dev.idem.local.proxy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The few DER (ASN.1) encodings an X.509 certificate needs, each returning the complete
 * tag-length-value bytes.
 */
final class Der {

  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter GENERALIZED_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private Der() {}

  static byte[] sequence(byte[]... parts) {
    return tlv(0x30, concat(parts));
  }

  static byte[] set(byte[]... parts) {
    return tlv(0x31, concat(parts));
  }

  static byte[] integer(BigInteger value) {
    return tlv(0x02, value.toByteArray());
  }

  static byte[] bool(boolean value) {
    return tlv(0x01, new byte[] {(byte) (value ? 0xFF : 0x00)});
  }

  static byte[] octetString(byte[] content) {
    return tlv(0x04, content);
  }

  /** A BIT STRING of whole bytes, or of {@code unusedBits} fewer bits in its last byte. */
  static byte[] bitString(byte[] content, int unusedBits) {
    byte[] body = new byte[content.length + 1];
    body[0] = (byte) unusedBits;
    System.arraycopy(content, 0, body, 1, content.length);
    return tlv(0x03, body);
  }

  static byte[] utf8String(String text) {
    return tlv(0x0C, text.getBytes(StandardCharsets.UTF_8));
  }

  /** UTCTime through 2049, GeneralizedTime after, as RFC 5280 requires; whole seconds. */
  static byte[] time(Instant instant) {
    boolean utc = instant.atZone(ZoneOffset.UTC).getYear() < 2050;
    String text = (utc ? UTC_TIME : GENERALIZED_TIME).format(instant);
    return tlv(utc ? 0x17 : 0x18, text.getBytes(StandardCharsets.US_ASCII));
  }

  /** An OBJECT IDENTIFIER from its dotted form, e.g. {@code 2.5.4.3}. */
  static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      base128(Long.parseLong(arcs[i]), out);
    }
    return tlv(0x06, out.toByteArray());
  }

  /** {@code [n] EXPLICIT}: a constructed context-specific tag around a whole encoding. */
  static byte[] explicit(int n, byte[] encoding) {
    return tlv(0xA0 | n, encoding);
  }

  /** {@code [n] IMPLICIT} of a primitive: the content under a context-specific tag. */
  static byte[] implicit(int n, byte[] content) {
    return tlv(0x80 | n, content);
  }

  static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static void base128(long value, ByteArrayOutputStream out) {
    int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
    for (int i = groups - 1; i >= 0; i--) {
      int group = (int) ((value >>> (7 * i)) & 0x7F);
      out.write(i == 0 ? group : group | 0x80);
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
