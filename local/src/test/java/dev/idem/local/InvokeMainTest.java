package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvokeMainTest {

  @TempDir Path dir;

  @Test
  void parse_functionAndEvent_defaultEndpointIsTheEdge() throws Exception {
    Path event = Files.writeString(dir.resolve("e.json"), "{}");

    InvokeMain.Request request =
        InvokeMain.Request.parse(List.of("GetOrderFunction", "--event", event.toString()));

    assertThat(request.function()).isEqualTo("GetOrderFunction");
    assertThat(request.event()).isEqualTo(event);
    assertThat(request.endpoint()).isEqualTo(URI.create("http://127.0.0.1:4566"));
  }

  @Test
  void parse_endpoint_taken() throws Exception {
    Path event = Files.writeString(dir.resolve("e.json"), "{}");

    InvokeMain.Request request =
        InvokeMain.Request.parse(
            List.of("--event", event.toString(), "--endpoint", "http://127.0.0.1:5000", "Fn"));

    assertThat(request.endpoint()).isEqualTo(URI.create("http://127.0.0.1:5000"));
  }

  @Test
  void parse_missingPieces_failSayingWhat() {
    assertThatThrownBy(() -> InvokeMain.Request.parse(List.of("--event", "x.json")))
        .hasMessage("name the FUNCTION to invoke");
    assertThatThrownBy(() -> InvokeMain.Request.parse(List.of("Fn")))
        .hasMessage("--event FILE is required");
    assertThatThrownBy(() -> InvokeMain.Request.parse(List.of("Fn", "Other")))
        .hasMessage("unexpected argument Other");
    assertThatThrownBy(() -> InvokeMain.Request.parse(List.of("Fn", "--event")))
        .hasMessage("--event needs a value");
  }

  @Test
  void run_missingEventFile_oneLineExit2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        InvokeMain.run(
            List.of("Fn", "--event", dir.resolve("missing.json").toString()),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("idem invoke: no event file at ")
        .contains("usage: bin/idem invoke");
  }
}
