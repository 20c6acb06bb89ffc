package dev.idem.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The deployable jar ({@code template.yaml}'s CodeUri) as the build shaded it. */
class ShadedJarIT {

  private static final Path JAR = Path.of("target", "idem-functions.jar");

  @Test
  void shadedJar_requestValidation_shipsTheParserAndNotTheSchemaValidator() throws IOException {
    List<String> entries;
    try (ZipFile zip = new ZipFile(JAR.toFile())) {
      entries = zip.stream().map(ZipEntry::getName).toList();
    }

    assertThat(entries)
        .contains("dev/idem/functions/orders/PlaceOrderRequestParser.class")
        .noneMatch(name -> name.startsWith("com/networknt/"))
        .noneMatch(name -> name.startsWith("net/jqwik/"));
  }
}
