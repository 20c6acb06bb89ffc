package dev.idem.local.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

  private static final FileTime EARLIER = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

  @TempDir Path dir;
  private Path classes;

  @BeforeEach
  void classes() throws IOException {
    classes = Files.createDirectories(dir.resolve("classes/dev/example"));
    write(classes.resolve("A.class"), "aaaa");
    write(classes.resolve("B.class"), "bbbb");
  }

  @Test
  void fingerprint_sameTree_sameFingerprint() {
    assertThat(FileTrees.fingerprint(dir)).isEqualTo(FileTrees.fingerprint(dir));
  }

  @Test
  void fingerprint_fileRenamedKeepingSizeAndTime_changes() throws IOException {
    // The count-size-newest fingerprint the watchers used before missed a rename: all three stay.
    String before = FileTrees.fingerprint(dir);
    Files.move(classes.resolve("B.class"), classes.resolve("C.class"));
    assertThat(FileTrees.fingerprint(dir)).isNotEqualTo(before);
  }

  @Test
  void fingerprint_fileEditedToTheSameSize_changes() throws IOException {
    String before = FileTrees.fingerprint(dir);
    Files.writeString(classes.resolve("A.class"), "AAAA");
    assertThat(FileTrees.fingerprint(dir)).isNotEqualTo(before);
  }

  @Test
  void fingerprint_fileDeleted_changes() throws IOException {
    String before = FileTrees.fingerprint(dir);
    Files.delete(classes.resolve("B.class"));
    assertThat(FileTrees.fingerprint(dir)).isNotEqualTo(before);
  }

  @Test
  void fingerprint_jar_followsItsSizeAndTime() throws IOException {
    Path jar = dir.resolve("app.jar");
    write(jar, "jar-1");
    String before = FileTrees.fingerprint(jar);
    Files.writeString(jar, "jar-2");
    assertThat(FileTrees.fingerprint(jar)).isNotEqualTo(before).doesNotContain(dir.toString());
  }

  @Test
  void fingerprint_nothingThere_isMissing() {
    assertThat(FileTrees.fingerprint(dir.resolve("absent"))).isEqualTo(FileTrees.MISSING);
    assertThat(FileTrees.fingerprint(List.of(dir.resolve("absent"), dir.resolve("gone"))))
        .isEqualTo(FileTrees.MISSING);
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, EARLIER);
  }
}
