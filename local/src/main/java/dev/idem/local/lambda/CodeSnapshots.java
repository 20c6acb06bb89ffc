package dev.idem.local.lambda;

import dev.idem.local.code.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Immutable copies of functions' code, named by their content: a jar is copied, a folder of classes
 * packed into a jar. Instances run from a snapshot, never from the files the template names, so
 * that a rebuild replacing those files cannot change the code under a running instance (hot reload
 * starts new instances on a new snapshot while the old ones finish on theirs), and so that a
 * class-loading cache, which the JVM ties to each jar's path, size and modification time, stays
 * valid across runs: the same content gets the same path and a fixed modification time.
 *
 * <p>A source is snapshot again only when its fingerprint (size and modification time of a jar; the
 * count, total size and newest modification time of a folder's files) changes. Snapshots of the
 * same source made by earlier runs are deleted when a new one is made; this run's stay, for the
 * instances still running on them. Thread-safe.
 */
final class CodeSnapshots {

  /** The modification time every snapshot gets (any fixed instant). */
  private static final FileTime FIXED_TIME = FileTime.fromMillis(946_684_800_000L);

  private record Made(String fingerprint, Path snapshot) {}

  private final Path dir;
  private final Map<Path, Made> made = new ConcurrentHashMap<>();
  private final java.util.Set<Path> madeThisRun = ConcurrentHashMap.newKeySet();

  CodeSnapshots(Path dir) {
    this.dir = dir;
  }

  /**
   * The snapshot of {@code code} (a jar or a folder) as it is now; the same path as long as its
   * content is the same.
   *
   * @throws UncheckedIOException when it cannot be read or copied
   */
  Path snapshot(Path code) {
    Path source = code.toAbsolutePath().normalize();
    String fingerprint = fingerprint(source);
    Made known = made.get(source);
    if (known != null
        && known.fingerprint().equals(fingerprint)
        && Files.exists(known.snapshot())) {
      return known.snapshot();
    }
    synchronized (this) {
      known = made.get(source);
      if (known != null
          && known.fingerprint().equals(fingerprint)
          && Files.exists(known.snapshot())) {
        return known.snapshot();
      }
      Path snapshot = make(source);
      made.put(source, new Made(fingerprint, snapshot));
      return snapshot;
    }
  }

  /** What identifies the current content of {@code code} cheaply (see {@link FileTrees}). */
  static String fingerprint(Path code) {
    return FileTrees.fingerprint(code);
  }

  private Path make(Path source) {
    try {
      Files.createDirectories(dir);
      Path partial = Files.createTempFile(dir, "snapshot", ".part");
      try {
        String digest = Files.isDirectory(source) ? pack(source, partial) : copy(source, partial);
        String name = prefix(source) + digest.substring(0, 16) + ".jar";
        Path target = dir.resolve(name);
        if (!Files.exists(target)) {
          Files.setLastModifiedTime(partial, FIXED_TIME);
          Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
        madeThisRun.add(target);
        removeOthers(prefix(source));
        return target;
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot snapshot the code at " + source, e);
    }
  }

  private static String copy(Path jar, Path target) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(jar), sha);
        OutputStream out = Files.newOutputStream(target)) {
      in.transferTo(out);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Packs a folder's files into a jar, in name order with fixed times: same files, same bytes. */
  private static String pack(Path folder, Path target) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    try (OutputStream out = Files.newOutputStream(target);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Path file : files) {
        ZipEntry entry = new ZipEntry(folder.relativize(file).toString().replace('\\', '/'));
        entry.setTime(FIXED_TIME.toMillis());
        zip.putNextEntry(entry);
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
    MessageDigest sha = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(target), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Deletes the snapshots of the same source made by earlier runs (this run's may be in use). */
  private void removeOthers(String prefix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        if (file.getFileName().toString().startsWith(prefix) && !madeThisRun.contains(file)) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** The source's file name and a digest of its path: snapshots of one source share it. */
  private static String prefix(Path source) {
    String name = source.getFileName() == null ? "code" : source.getFileName().toString();
    name = name.replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("\\.jar$", "");
    MessageDigest sha = sha256();
    byte[] digest = sha.digest(source.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return name + "-" + HexFormat.of().formatHex(digest).substring(0, 8) + "-";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
