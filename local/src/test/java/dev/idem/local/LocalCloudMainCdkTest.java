package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/idem local --cdk [DIR]}, {@code --cdk-out DIR} and {@code --stack NAME}, and bad
 * input: one line naming the resource and property, exit 2, before anything starts.
 */
class LocalCloudMainCdkTest {

  @TempDir Path app;

  private Path out;

  @BeforeEach
  void assembly() throws Exception {
    out = Files.createDirectories(app.resolve("cdk.out"));
    Files.writeString(app.resolve("cdk.json"), "{\"app\": \"true\"}");
    Files.createDirectories(app.resolve("seed"));
    Files.writeString(app.resolve("seed/catalog.json"), "{\"tables\": {}}");
    Files.writeString(app.resolve("idem-local.json"), "{\"seed\": \"seed/catalog.json\"}");
    manifest("one");
  }

  private void manifest(String... stacks) throws Exception {
    List<String> artifacts = new ArrayList<>();
    for (String stack : stacks) {
      artifacts.add(
          "\"%s\": {\"type\": \"aws:cloudformation:stack\", \"properties\": {\"templateFile\": \"%s.template.json\"}}"
              .formatted(stack, stack));
      Files.writeString(
          out.resolve(stack + ".template.json"),
          """
          {"Resources": {"Fn": {"Type": "AWS::Lambda::Function",
            "Properties": {"Code": {"S3Bucket": "b", "S3Key": "k.jar"}, "Handler": "a.H", "Runtime": "java21"},
            "Metadata": {"aws:asset:path": "asset.k.jar"}}}}\
          """);
    }
    Files.writeString(
        out.resolve("manifest.json"),
        "{\"version\": \"54.0.0\", \"artifacts\": {" + String.join(",", artifacts) + "}}");
  }

  private LocalCloudMain.Parsed parse(String... args) {
    return LocalCloudMain.parse(List.of(args), Map.of(), app, line -> {}, url -> false);
  }

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        LocalCloudMain.run(
            args,
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void parse_cdkWithoutFolder_theRepositoryAndTheSeedItsConfigNames() {
    LocalCloudMain.Parsed parsed = parse("--cdk");

    assertThat(parsed.source()).isEqualTo(new LocalCloudMain.Source.CdkApp(app, null));
    assertThat(parsed.options().seed()).isEqualTo(app.resolve("seed/catalog.json"));
  }

  @Test
  void parse_cdkOutAndStack_theAssemblyAndTheSeedTheAppsConfigNames() {
    LocalCloudMain.Parsed parsed = parse("--cdk-out", out.toString(), "--stack", "one");

    assertThat(parsed.source()).isEqualTo(new LocalCloudMain.Source.CdkOut(out, "one"));
    assertThat(parsed.options().seed()).isEqualTo(app.resolve("seed/catalog.json"));
  }

  @Test
  void parse_sourcesTogetherOrStackAlone_refused() {
    assertThatThrownBy(() -> parse("--cdk", "--template", "t.yaml"))
        .hasMessage("--template, --cdk and --cdk-out exclude each other");
    assertThatThrownBy(() -> parse("--stack", "one"))
        .hasMessage("--stack needs --cdk or --cdk-out");
    assertThatThrownBy(() -> parse("--cdk-out", app.resolve("none").toString()))
        .hasMessageStartingWith("--cdk-out: no folder at");
  }

  @Test
  void prepare_cdkOut_templateOfItsStack() throws Exception {
    Files.writeString(out.resolve("asset.k.jar"), "a jar");
    List<String> lines = new ArrayList<>();

    LocalCloud.Options options =
        LocalCloudMain.prepare(parse("--cdk-out", out.toString()), lines::add);

    assertThat(options.template()).isEqualTo(out.resolve("one.template.json"));
    assertThat(lines).containsExactly("cdk      stack one of " + out);
  }

  @Test
  void run_missingAsset_oneLineNamingResourceAndPropertyExit2() {
    Run run = run("--cdk-out", out.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("idem local: Fn.Metadata.aws:asset:path: no code at ")
        .doesNotContain("usage:")
        .hasLineCount(1);
  }

  @Test
  void run_severalStacksNoChoice_listsThemExit2() throws Exception {
    manifest("one", "two");

    Run run = run("--cdk-out", out.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "idem local: The cloud assembly "
                + out
                + " holds 2 stacks; pick one with --stack NAME: one, two"
                + System.lineSeparator());
  }

  @Test
  void run_templateThatDoesNotParse_exit2() throws Exception {
    Path broken = Files.writeString(app.resolve("broken.json"), "{\"Resources\": {");

    Run run = run("--template", broken.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("idem local: template in " + app + " is not valid JSON");
  }

  @Test
  void run_cdkFolderWithoutApp_exit2SayingSo() {
    Run run = run("--cdk", out.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "idem local: no CDK app in " + out + ": it has no cdk.json" + System.lineSeparator());
  }
}
