package dev.idem.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.code.FunctionCode;
import dev.idem.local.code.LayoutApps;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassVersionsTest {

  @TempDir Path dir;

  @Test
  void tooNew_handlerInAJarOrFolder_comparedWithTheRuntimesVersion() {
    Path classes =
        LayoutApps.compile(
            dir.resolve("classes"),
            17,
            List.of(),
            Map.of("lib.Greeting", LayoutApps.greeting("x")));
    Path jar = LayoutApps.zip(dir.resolve("app.jar"), classes, "");
    FunctionCode inJar = new FunctionCode("jar", jar, List.of(dir.resolve("missing.jar"), jar));
    FunctionCode inFolder = new FunctionCode("folder", classes, List.of(classes));

    assertThat(ClassVersions.major(inJar, "lib.Greeting")).contains(61);
    assertThat(ClassVersions.tooNew(inFolder, "lib.Greeting::text", LambdaJava.of("java11")))
        .contains(
            "lib/Greeting has been compiled by a more recent version of the Java Runtime (class"
                + " file version 61.0), this version of the Java Runtime only recognizes class file"
                + " versions up to 55.0");
    assertThat(ClassVersions.tooNew(inJar, "lib.Greeting", LambdaJava.of("java17"))).isEmpty();
    assertThat(ClassVersions.tooNew(inJar, "lib.Missing", LambdaJava.of("java11"))).isEmpty();
  }
}
