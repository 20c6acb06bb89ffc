package dev.idem.infra.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.IConstruct;

/**
 * Shared set-up of the CDK tests: apps with the repository's cdk.json context (so tests synthesize
 * what {@code cdk synth} does), a small stand-in for the functions jar (synthesis needs no build),
 * cdk-nag, and the synthesized templates as plain maps.
 */
public final class CdkTest {

  /** The repository root (tests run in {@code infra/}). */
  public static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

  private static final Path TEST_JAR = Path.of("target", "test-functions", "idem-functions.jar");

  private CdkTest() {}

  /**
   * An app with cdk.json's context plus {@code context}, checked by AwsSolutions when synthesized.
   */
  public static App app(Map<String, Object> context) {
    Map<String, Object> all = new LinkedHashMap<>(cdkJsonContext());
    all.putAll(context);
    App app = App.Builder.create().context(all).analyticsReporting(false).build();
    Aspects.of(app).add(new AwsSolutionsChecks());
    return app;
  }

  /** An app with cdk.json's context, checked by AwsSolutions when synthesized. */
  public static App app() {
    return app(Map.of());
  }

  /** The feature flags (and any settings) of the repository's cdk.json. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> cdkJsonContext() {
    return (Map<String, Object>) CfnYaml.read(REPOSITORY.resolve("cdk.json")).get("context");
  }

  /** A tiny zip standing in for the functions jar: its content does not matter to synthesis. */
  public static Code functionsCode() {
    try {
      if (!Files.isRegularFile(TEST_JAR)) {
        Files.createDirectories(TEST_JAR.getParent());
        Path partial = Files.createTempFile(TEST_JAR.getParent(), "jar", ".tmp");
        try (OutputStream out = Files.newOutputStream(partial);
            ZipOutputStream zip = new ZipOutputStream(out)) {
          ZipEntry entry = new ZipEntry("README.txt");
          entry.setTime(0);
          zip.putNextEntry(entry);
          zip.write("stand-in for idem-functions.jar".getBytes(StandardCharsets.UTF_8));
          zip.closeEntry();
        }
        Files.move(partial, TEST_JAR, StandardCopyOption.ATOMIC_MOVE);
      }
      return Code.fromAsset(TEST_JAR.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Synthesizes {@code app} once and returns each stack's template as plain maps (numbers as
   * Integer, Long or Double, as in the JSON file).
   */
  public static Map<String, Map<String, Object>> synthesize(App app, Stack... stacks) {
    CloudAssembly assembly = app.synth();
    Map<String, Map<String, Object>> templates = new LinkedHashMap<>();
    for (Stack stack : stacks) {
      Path file = Path.of(assembly.getStackArtifact(stack.getArtifactId()).getTemplateFullPath());
      templates.put(stack.getStackName(), CfnYaml.read(file));
    }
    return templates;
  }

  /** The logical id of {@code construct}'s CloudFormation resource (or of it, if it is one). */
  public static String logicalId(IConstruct construct) {
    Stack stack = Stack.of(construct);
    IConstruct resource =
        construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
    return (String) stack.resolve(stack.getLogicalId((CfnElement) resource));
  }

  /** Asserts that AwsSolutions reported no error and no warning on {@code stack}. */
  public static void assertNagClean(Stack stack) {
    Annotations annotations = Annotations.fromStack(stack);
    List<?> errors = annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    List<?> warnings = annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    assertThat(errors).as("cdk-nag errors").isEmpty();
    assertThat(warnings).as("cdk-nag warnings").isEmpty();
  }
}
