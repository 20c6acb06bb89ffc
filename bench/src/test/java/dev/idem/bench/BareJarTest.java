package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.bench.bare.BareSqsHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BareJarTest {

  @TempDir Path dir;

  @Test
  void write_functionJarAndClasses_holdsBoth() throws IOException {
    Path functionJar = dir.resolve("function.jar");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(functionJar))) {
      out.putNextEntry(new ZipEntry("app/Handler.class"));
      out.write("handler".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }

    Path bare = BareJar.write(functionJar, dir.resolve("bare.jar"), List.of(BareSqsHandler.class));

    try (JarFile jar = new JarFile(bare.toFile())) {
      assertThat(
              new String(
                  jar.getInputStream(jar.getEntry("app/Handler.class")).readAllBytes(),
                  StandardCharsets.UTF_8))
          .isEqualTo("handler");
      assertThat(jar.getEntry("dev/idem/bench/bare/BareSqsHandler.class").getSize()).isPositive();
    }
  }
}
