package dev.idem.local.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class RequestHeadTest {

  @Test
  void read_headThenBody_requestLineAndLeftoverSplit() throws IOException {
    RequestHead head =
        RequestHead.read(
            stream("POST http://sqs.amazonaws.com/ HTTP/1.1\r\nHost: x\r\n\r\nAction=1"));

    assertThat(head.requestLine()).isEqualTo("POST http://sqs.amazonaws.com/ HTTP/1.1");
    assertThat(new String(head.leftover(), ISO_8859_1)).isEqualTo("Action=1");
    assertThat(new String(head.all(), ISO_8859_1)).endsWith("\r\n\r\nAction=1");
  }

  @Test
  void read_headInOneByteReads_foundAcrossThem() throws IOException {
    InputStream slow =
        new ByteArrayInputStream(
            "CONNECT a.amazonaws.com:443 HTTP/1.1\r\n\r\n".getBytes(ISO_8859_1)) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1));
          }
        };

    RequestHead head = RequestHead.read(slow);

    assertThat(head.requestLine()).isEqualTo("CONNECT a.amazonaws.com:443 HTTP/1.1");
    assertThat(head.leftover()).isEmpty();
  }

  @Test
  void read_closedBeforeAHead_null() throws IOException {
    assertThat(RequestHead.read(stream("GET http://x/ HTTP/1.1\r\n"))).isNull();
  }

  @Test
  void read_headOverTheLimit_refused() {
    String huge = "GET http://x/ HTTP/1.1\r\nX: " + "a".repeat(RequestHead.MAX_HEAD) + "\r\n\r\n";

    assertThatThrownBy(() -> RequestHead.read(stream(huge)))
        .isInstanceOf(IOException.class)
        .hasMessage("request head over 65536 bytes");
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(ISO_8859_1));
  }
}
