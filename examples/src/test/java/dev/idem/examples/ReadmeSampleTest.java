package dev.idem.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README shows the sample project (src/it/readme-sample) verbatim, and the build runs the
 * sample against this build's artifacts: so a README snippet cannot name an API that does not
 * exist, and the sample cannot silently stop being what the README shows.
 */
class ReadmeSampleTest {

  private static final Path SAMPLE = Path.of("src/it/readme-sample");
  private static final Pattern FENCED = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "src/main/java/com/example/payments/PaymentHandler.java",
        "src/test/java/com/example/payments/PaymentHandlerTest.java"
      })
  void readme_showsTheSampleSourceWhole(String file) throws IOException {
    String source = Files.readString(SAMPLE.resolve(file));

    assertThat(codeBlocks("java")).as("a README code block equal to " + file).contains(source);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "  <dependencyManagement>",
        "  <dependencies>",
        "        <artifactId>maven-surefire-plugin</artifactId>"
      })
  void readme_showsTheSamplePomParts(String marker) throws IOException {
    String part = pomPart(marker).replace("@project.version@", System.getProperty("idem.version"));

    assertThat(codeBlocks("xml"))
        .as("a README code block equal to the sample's " + marker)
        .contains(part);
  }

  @Test
  void readme_namesTheVersionsTheBomPins() throws IOException {
    String bom = Files.readString(Path.of("../bom/pom.xml"));

    assertThat(Files.readString(Path.of("../README.md")))
        .contains(
            "(AWS SDK "
                + property(bom, "aws-sdk.version")
                + ", Jackson "
                + property(bom, "jackson.version")
                + ")");
  }

  private static String property(String pom, String name) {
    Matcher value = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
    assertThat(value.find()).as(name + " in the BOM").isTrue();
    return value.group(1);
  }

  /** The README's fenced blocks in {@code language}. */
  private static List<String> codeBlocks(String language) throws IOException {
    Matcher block = FENCED.matcher(Files.readString(Path.of("../README.md")));
    List<String> blocks = new ArrayList<>();
    while (block.find()) {
      if (block.group(1).equals(language)) {
        blocks.add(block.group(2));
      }
    }
    return blocks;
  }

  /**
   * The element of the sample's POM whose first line starts with {@code marker} (or that holds that
   * line, for a plugin's artifact id): from the line that opens it to the line that closes it, with
   * the indentation of its opening line removed.
   */
  private static String pomPart(String marker) throws IOException {
    List<String> lines = Files.readAllLines(SAMPLE.resolve("pom.xml"));
    int at =
        lines.indexOf(lines.stream().filter(l -> l.startsWith(marker)).findFirst().orElseThrow());
    int start = at;
    while (!lines.get(start).strip().startsWith("<")
        || lines.get(start).strip().startsWith("</")
        || lines.get(start).contains("<groupId>")
        || lines.get(start).contains("<artifactId>")) {
      start--;
    }
    String indent = lines.get(start).substring(0, lines.get(start).indexOf('<'));
    String name = lines.get(start).strip().replaceAll("^<([\\w-]+).*", "$1");
    int end = start;
    while (!lines.get(end).equals(indent + "</" + name + ">")) {
      end++;
    }
    StringBuilder part = new StringBuilder();
    for (String line : lines.subList(start, end + 1)) {
      part.append(line.startsWith(indent) ? line.substring(indent.length()) : line).append('\n');
    }
    return part.toString();
  }
}
