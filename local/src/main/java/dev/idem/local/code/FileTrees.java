package dev.idem.local.code;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What identifies the content of files and folders cheaply, without reading them: a digest of every
 * regular file's path, size and modification time. An edit, an added, deleted or renamed file each
 * change it; the watchers (hot reload, source builds) and the code snapshots compare it between
 * polls.
 */
public final class FileTrees {

  /** The fingerprint of a path that does not exist (or could not be read). */
  public static final String MISSING = "missing";

  private FileTrees() {}

  /**
   * The fingerprint of {@code path}: a jar (one file) or a folder (every file under it); {@link
   * #MISSING} when it does not exist.
   */
  public static String fingerprint(Path path) {
    return fingerprint(List.of(path));
  }

  /**
   * The fingerprint of every file under {@code paths} together; {@link #MISSING} when none of them
   * exists. A file removed while the tree is walked leaves a fingerprint the next poll replaces.
   */
  public static String fingerprint(Collection<Path> paths) {
    List<String> entries = new ArrayList<>();
    for (Path root : paths) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          entries.add(entry(root, file));
        }
      } catch (IOException | UncheckedIOException e) {
        entries.add(root + " unreadable");
      }
    }
    if (entries.isEmpty()) {
      return MISSING;
    }
    entries.sort(null);
    MessageDigest digest = sha256();
    entries.forEach(entry -> digest.update((entry + "\n").getBytes(StandardCharsets.UTF_8)));
    return HexFormat.of().formatHex(digest.digest(), 0, 16);
  }

  private static String entry(Path root, Path file) {
    try {
      return root
          + "\0"
          + root.relativize(file)
          + "\0"
          + Files.size(file)
          + "\0"
          + Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return root + "\0" + root.relativize(file) + "\0gone";
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
