package dev.idem.local.code;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Zips extracted as Lambda extracts them, each once: under a folder named after the zip's path,
 * size and modification time, so a restart reuses it and a rebuilt zip gets a fresh one.
 */
final class Archives {

  private final Path root;

  Archives(Path root) {
    this.root = root;
  }

  /** Whether the jar (or zip) holds {@code lib/*.jar}: Lambda's zip layout. */
  static boolean hasLibJars(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return zip.stream()
          .map(ZipEntry::getName)
          .anyMatch(name -> name.startsWith("lib/") && name.endsWith(".jar"));
    } catch (IOException e) {
      return false; // not a zip: it goes on the class path as it is, and the JVM says what it is
    }
  }

  /** The folder the zip is extracted to. */
  Path extract(Path zip) {
    Path target = root.resolve(key(zip));
    if (Files.isDirectory(target)) {
      return target;
    }
    try {
      Files.createDirectories(root);
      Path partial = Files.createTempDirectory(root, "partial-");
      unzip(zip, partial);
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        delete(partial); // another process extracted it first
      }
      return target;
    } catch (IOException e) {
      throw new CodeLayoutException("cannot extract " + zip + ": " + e.getMessage());
    }
  }

  private static void unzip(Path zip, Path into) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        Path out = into.resolve(entry.getName()).normalize();
        if (!out.startsWith(into)) {
          throw new IOException("entry " + entry.getName() + " points outside the zip");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          try (InputStream in = file.getInputStream(entry)) {
            Files.copy(in, out);
          }
        }
      }
    }
  }

  private static String key(Path zip) {
    try {
      String identity =
          zip.toAbsolutePath() + "|" + Files.size(zip) + "|" + Files.getLastModifiedTime(zip);
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      String name = zip.getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "_");
      return name + "-" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void delete(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
