package dev.idem.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A copy of a function jar with more classes in it: the bare handlers run from the same jar layout,
 * the same dependencies and the same size as the functions they are compared with.
 */
final class BareJar {

  private BareJar() {}

  /**
   * Writes {@code target}: every entry of {@code functionJar}, then the class files of {@code
   * classes} as this JVM loaded them.
   *
   * @throws IllegalStateException when a class's file cannot be found
   */
  static Path write(Path functionJar, Path target, List<Class<?>> classes) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(functionJar));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        out.putNextEntry(new ZipEntry(entry.getName()));
        in.transferTo(out);
        out.closeEntry();
      }
      for (Class<?> type : classes) {
        add(type, out);
      }
    }
    return target;
  }

  private static void add(Class<?> type, ZipOutputStream out) throws IOException {
    String name = type.getName().replace('.', '/') + ".class";
    try (InputStream classFile = type.getClassLoader().getResourceAsStream(name)) {
      if (classFile == null) {
        throw new IllegalStateException("No class file for " + type.getName());
      }
      out.putNextEntry(new ZipEntry(name));
      classFile.transferTo((OutputStream) out);
      out.closeEntry();
    }
  }
}
