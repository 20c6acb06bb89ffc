package dev.idem.local.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A request's head (request line and headers, through the empty line) and whatever the client sent
 * after it in the same reads.
 *
 * @param bytes everything read
 * @param length how many of them are the head
 */
record RequestHead(byte[] bytes, int length) {

  static final int MAX_HEAD = 64 * 1024;
  private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

  /**
   * Reads up to the end of the head, or null when the client closed before sending one.
   *
   * @throws IOException when the head exceeds {@link #MAX_HEAD} bytes or the connection fails
   */
  static RequestHead read(InputStream in) throws IOException {
    byte[] buffer = new byte[4096];
    int filled = 0;
    while (true) {
      int end = indexOf(buffer, filled, END_OF_HEAD);
      if (end >= 0) {
        return new RequestHead(Arrays.copyOf(buffer, filled), end + END_OF_HEAD.length);
      }
      if (filled == buffer.length) {
        if (buffer.length >= MAX_HEAD) {
          throw new IOException("request head over " + MAX_HEAD + " bytes");
        }
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      int n = in.read(buffer, filled, buffer.length - filled);
      if (n < 0) {
        return null;
      }
      filled += n;
    }
  }

  String requestLine() {
    int end = indexOf(bytes, length, new byte[] {'\r', '\n'});
    return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
  }

  byte[] leftover() {
    return Arrays.copyOfRange(bytes, length, bytes.length);
  }

  byte[] all() {
    return bytes.clone();
  }

  private static int indexOf(byte[] data, int limit, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= limit; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
