package dev.idem.local.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** The two-way copy between a client and the backend it was connected to. */
final class Relay {

  private Relay() {}

  /** Copies both ways until each side has ended, {@code first} going to the backend first. */
  static void run(Socket client, Socket backend, byte[] first) throws IOException {
    backend.getOutputStream().write(first);
    backend.getOutputStream().flush();
    Thread upstream = Thread.ofVirtual().name("idem-proxy-up").start(() -> pump(client, backend));
    pump(backend, client);
    try {
      upstream.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pump(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buffer = new byte[16 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException | UnsupportedOperationException e) {
      ProxyServer.closeQuietly(from);
      ProxyServer.closeQuietly(to);
    }
  }
}
