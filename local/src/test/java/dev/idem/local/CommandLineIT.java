package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line's answers when the local cloud cannot start or cannot be reached. */
class CommandLineIT {

  @Test
  void local_edgePortTaken_oneLineNamingThePortExit1() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int status =
          LocalCloudMain.run(
              new String[] {
                "--template", TestClouds.ROOT.resolve("template.yaml").toString(),
                "--edge-port", Integer.toString(taken.getLocalPort())
              },
              Map.of(),
              new PrintStream(new ByteArrayOutputStream()),
              new PrintStream(err, true, StandardCharsets.UTF_8));

      assertThat(status).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .isEqualTo(
              "idem local: Port "
                  + taken.getLocalPort()
                  + " (edge) is already in use: stop the other process, or choose another port"
                  + System.lineSeparator());
    }
  }

  @Test
  void invoke_nothingListening_exit1SayingSo() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        InvokeMain.run(
            List.of(
                "GetOrderFunction",
                "--event",
                TestClouds.ROOT.resolve("events/samples/get-order.json").toString(),
                "--endpoint",
                "http://127.0.0.1:" + port),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("idem invoke: cannot reach http://127.0.0.1:" + port)
        .contains("is bin/idem local running?");
  }
}
