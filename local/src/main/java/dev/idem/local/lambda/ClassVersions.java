package dev.idem.local.lambda;

import dev.idem.local.code.FunctionCode;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class file version of a function's handler class, read from its code: what the runtime's JVM
 * would refuse with {@link UnsupportedClassVersionError} when it is newer than it knows.
 */
final class ClassVersions {

  private ClassVersions() {}

  /**
   * Lambda's init error for a handler compiled for a newer Java than its runtime, when it is; empty
   * when the handler class is not found (the runtime client reports that itself).
   */
  static Optional<String> tooNew(FunctionCode code, String handler, LambdaJava runtime) {
    String className =
        handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
    return major(code, className)
        .filter(major -> major > runtime.maxClassVersion())
        .map(major ->
            className.replace('.', '/')
                + " has been compiled by a more recent version of the Java Runtime (class file"
                + " version "
                + major
                + ".0), this version of the Java Runtime only recognizes class file versions"
                + " up to "
                + runtime.maxClassVersion()
                + ".0");
  }

  /** The major version of {@code className} in the first class path entry holding it. */
  static Optional<Integer> major(FunctionCode code, String className) {
    String entry = className.replace('.', '/') + ".class";
    for (Path path : code.classpath()) {
      try {
        Optional<Integer> found =
            Files.isDirectory(path) ? inFolder(path.resolve(entry)) : inJar(path, entry);
        if (found.isPresent()) {
          return found;
        }
      } catch (IOException e) {
        // An unreadable entry: the JVM will say so when it loads the class.
      }
    }
    return Optional.empty();
  }

  private static Optional<Integer> inFolder(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      return Optional.of(read(in));
    }
  }

  private static Optional<Integer> inJar(Path jar, String entry) throws IOException {
    if (!Files.isRegularFile(jar)) {
      return Optional.empty();
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry found = zip.getEntry(entry);
      if (found == null) {
        return Optional.empty();
      }
      try (InputStream in = zip.getInputStream(found)) {
        return Optional.of(read(in));
      }
    }
  }

  private static int read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    if (data.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    data.readUnsignedShort(); // minor
    return data.readUnsignedShort();
  }
}
