package dev.idem.idempotency;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.time.Instant;
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
  void publicApi_neverExposesInternalTypes() {
    methods()
        .that()
        .areDeclaredInClassesThat()
        .resideOutsideOfPackage("..internal..")
        .and()
        .arePublic()
        .and()
        .areDeclaredInClassesThat()
        .arePublic()
        .should(notMentionInternalTypes())
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

  private static ArchCondition<JavaMethod> notMentionInternalTypes() {
    return new ArchCondition<>("not take or return types of ..internal..") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        if (method.getModifiers().contains(JavaModifier.SYNTHETIC)) {
          return;
        }
        boolean leaks =
            method.getRawReturnType().getPackageName().contains(".internal")
                || method.getRawParameterTypes().stream()
                    .anyMatch(p -> p.getPackageName().contains(".internal"));
        if (leaks) {
          events.add(
              SimpleConditionEvent.violated(
                  method, method.getFullName() + " exposes an internal type"));
        }
      }
    };
  }
}
