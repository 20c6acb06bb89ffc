package dev.idem.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets that a process and its descendants listen on, read from Linux's {@code /proc}:
 * {@code /proc/net/tcp[6]} lists every listening socket of the network namespace with its inode,
 * and {@code /proc/<pid>/fd} links each file descriptor of a process to {@code socket:[inode]}.
 */
final class ListeningSockets {

  /** One listening socket: its local address and its port. */
  record Socket(java.net.InetAddress address, int port) {

    boolean loopback() {
      return address.isLoopbackAddress();
    }
  }

  private ListeningSockets() {}

  /** Whether this machine has {@code /proc/net/tcp} (Linux). */
  static boolean supported() {
    return Files.isReadable(Path.of("/proc/net/tcp"));
  }

  /** The listening sockets of this process and its descendants. */
  static List<Socket> ofThisProcessTree() {
    Set<String> inodes = new HashSet<>();
    Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
        .forEach(process -> inodes.addAll(socketInodes(process.pid())));
    List<Socket> sockets = new ArrayList<>();
    sockets.addAll(listening(Path.of("/proc/net/tcp"), inodes, false));
    sockets.addAll(listening(Path.of("/proc/net/tcp6"), inodes, true));
    return sockets;
  }

  private static Set<String> socketInodes(long pid) {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", pid + "", "fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    } catch (IOException e) {
      // the process ended meanwhile
    }
    return inodes;
  }

  private static List<Socket> listening(Path table, Set<String> inodes, boolean ipv6) {
    if (!Files.isReadable(table)) {
      return List.of();
    }
    List<Socket> sockets = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(table).subList(1, Files.readAllLines(table).size())) {
        String[] fields = line.trim().split("\\s+");
        boolean listen = fields[3].equals("0A");
        if (listen && inodes.contains(fields[9])) {
          String[] local = fields[1].split(":");
          sockets.add(
              new Socket(ipv6 ? ipv6(local[0]) : ipv4(local[0]), Integer.parseInt(local[1], 16)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sockets;
  }

  /** {@code 0100007F} → 127.0.0.1: the kernel writes each 32-bit word little-endian. */
  static java.net.InetAddress ipv4(String hex) {
    return address(hex);
  }

  /** 32 hex digits, four little-endian words → the IPv6 address ({@code ::1}, {@code ::}...). */
  static java.net.InetAddress ipv6(String hex) {
    return address(hex);
  }

  private static java.net.InetAddress address(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int b = 0; b < 4; b++) {
        int from = word * 8 + (3 - b) * 2;
        bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(from, from + 2), 16);
      }
    }
    try {
      return java.net.InetAddress.getByAddress(bytes);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
