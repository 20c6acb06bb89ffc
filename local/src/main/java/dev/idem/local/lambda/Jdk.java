package dev.idem.local.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An installed JDK (or JRE): its home and its feature version (17 for 17.0.15, 8 for 1.8.0_412).
 *
 * @param home the folder holding {@code bin/java} and {@code release}
 * @param feature the feature version, from {@code release}'s {@code JAVA_VERSION}
 */
public record Jdk(Path home, int feature) {

  private static final Pattern JAVA_VERSION =
      Pattern.compile("^JAVA_VERSION=\"?(1\\.)?(\\d+)[^\"]*\"?\\s*$", Pattern.MULTILINE);

  /** Its {@code java} launcher. */
  public Path java() {
    return home.resolve("bin").resolve("java");
  }

  /** The JDK at {@code home}, when it has a {@code bin/java} and a readable {@code release}. */
  static Optional<Jdk> at(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isRegularFile(home.resolve("bin/java"))) {
      return Optional.empty();
    }
    try {
      return feature(Files.readString(release)).map(feature -> new Jdk(home, feature));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The feature version a {@code release} file's {@code JAVA_VERSION} names. */
  static Optional<Integer> feature(String release) {
    Matcher matcher = JAVA_VERSION.matcher(release);
    return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(2))) : Optional.empty();
  }
}
