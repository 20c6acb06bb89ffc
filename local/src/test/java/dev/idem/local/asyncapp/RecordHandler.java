package dev.idem.local.asyncapp;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Prints {@code received <event>} (the event on one line, as it arrived) and answers {@code
 * {"ok":true}}; throws when the event holds {@code "fail"}, so its caller sees a function error.
 */
public class RecordHandler implements RequestStreamHandler {

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
    System.out.println("received " + event.replace('\n', ' '));
    if (event.contains("\"fail\"")) {
      throw new IllegalStateException("asked to fail");
    }
    output.write("{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
  }
}
