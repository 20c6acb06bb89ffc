package dev.idem.idempotency;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The rules that keep the library importable: a clean API, no hidden global state. */
class ArchitectureTest {

  private static final JavaClasses LIBRARY =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.idem.idempotency");

  @Test
  void library_dependsOnNothingElseOfIdem() {
    noClasses()
        .that()
        .resideInAPackage("dev.idem.idempotency..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.idem.testing..", "dev.idem.bench..", "dev.idem.functions..", "dev.idem.events..")
        .check(LIBRARY);
  }

  @Test
  void library_neverReadsTheEnvironmentOrTheWallClock() {
    noClasses()
        .should()
        .callMethod(System.class, "getenv", String.class)
        .orShould()
        .callMethod(System.class, "getenv")
        .orShould()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .because("configuration is passed in and time comes from the injected Clock")
        .check(LIBRARY);
  }

  @Test
  void module_exportsEveryPackageButInternal() {
    Set<String> packages =
        LIBRARY.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());

    assertThat(exportedPackages())
        .as("module-info.java exports the API packages, and only them")
        .containsExactlyInAnyOrderElementsOf(
            packages.stream().filter(p -> !p.endsWith(".internal")).toList());
  }

  @Test
  void exportedSignatures_neverExposeInternalTypes() {
    Set<String> exported = exportedPackages();
    classes()
        .that(
            new DescribedPredicate<JavaClass>("are visible outside the module") {
              @Override
              public boolean test(JavaClass type) {
                return exported.contains(type.getPackageName()) && isVisible(type);
              }
            })
        .should(notExposeInternalTypes())
        .check(LIBRARY);
  }

  @Test
  void apiPackages_neverUseThreadLocals() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .areAssignableTo(ThreadLocal.class)
        .because("the Lambda context and per-call state are passed explicitly")
        .check(LIBRARY);
  }

  /** The packages the compiled module-info exports to every module. */
  private static Set<String> exportedPackages() {
    try {
      Path classes =
          Path.of(Idempotency.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      ModuleDescriptor module = ModuleFinder.of(classes).findAll().iterator().next().descriptor();
      assertThat(module.name()).isEqualTo("dev.idem.idempotency");
      return module.exports().stream()
          .filter(e -> !e.isQualified())
          .map(ModuleDescriptor.Exports::source)
          .collect(Collectors.toSet());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Public, and nested only in visible classes; a protected nested class counts as visible. */
  private static boolean isVisible(JavaClass type) {
    Set<JavaModifier> modifiers = type.getModifiers();
    boolean accessible =
        modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    return accessible && type.getEnclosingClass().map(ArchitectureTest::isVisible).orElse(true);
  }

  private static boolean isApiMember(JavaMember member) {
    Set<JavaModifier> modifiers = member.getModifiers();
    return !modifiers.contains(JavaModifier.SYNTHETIC)
        && (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED));
  }

  /**
   * Neither the class's supertypes nor any type in the signature of its public or protected members
   * (type arguments and thrown types included) lives in an internal package.
   */
  private static ArchCondition<JavaClass> notExposeInternalTypes() {
    return new ArchCondition<>("not expose types of ..internal.. in their signatures") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        Map<String, Set<JavaClass>> mentions = new LinkedHashMap<>();
        type.getRawSuperclass().ifPresent(s -> mentions.put("superclass", Set.of(s)));
        mentions.put("interfaces", Set.copyOf(type.getRawInterfaces()));
        for (JavaField field : type.getFields()) {
          if (isApiMember(field)) {
            mentions.put(field.getFullName(), field.getType().getAllInvolvedRawTypes());
          }
        }
        for (JavaCodeUnit unit : type.getCodeUnits()) {
          if (isApiMember(unit)) {
            Set<JavaClass> used = new HashSet<>(unit.getReturnType().getAllInvolvedRawTypes());
            unit.getParameterTypes().forEach(p -> used.addAll(p.getAllInvolvedRawTypes()));
            used.addAll(unit.getThrowsClause().getTypes());
            mentions.put(unit.getFullName(), used);
          }
        }
        mentions.forEach((where, types) ->
            types.stream()
                .filter(t -> t.getPackageName().endsWith(".internal"))
                .forEach(t ->
                    events.add(
                        SimpleConditionEvent.violated(type, where + " exposes " + t.getName()))));
      }
    };
  }
}
