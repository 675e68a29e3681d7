package dev.airlock.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.airlock.runtime.archfixture.RuntimeClassUsingAwt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of docs/adr/0008: the engine never touches a GUI toolkit, and the views never
 * touch the container engine, so each can change (or be tested) without the other.
 */
class ModuleBoundariesTest {

    static final ArchRule RUNTIME_HAS_NO_GUI_TOOLKIT = noClasses()
            .that()
            .resideInAPackage("dev.airlock.runtime..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..", "java.awt..")
            .because("the runtime runs headless (daemon, tests) and the UI is only one of its clients");

    static final ArchRule UI_DOES_NOT_USE_DOCKER = noClasses()
            .that()
            .resideInAPackage("dev.airlock.ui..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.github.dockerjava..")
            .because("views talk to the engine, never to the container engine directly");

    static final ArchRule RUNTIME_DOES_NOT_DEPEND_ON_UI_OR_APP = noClasses()
            .that()
            .resideInAPackage("dev.airlock.runtime..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.airlock.ui..", "dev.airlock.app..");

    static final ArchRule UI_DOES_NOT_DEPEND_ON_APP = noClasses()
            .that()
            .resideInAPackage("dev.airlock.ui..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.airlock.app..");

    static final ArchRule TRAY_MODEL_HAS_NO_TOOLKIT = noClasses()
            .that()
            .resideInAPackage("dev.airlock.ui.tray..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..", "java.awt..", "javax.swing..")
            .because("the tray menu is a model; one adapter in the app turns it into a toolkit's menu");

    static final ArchRule ONLY_THE_TRAY_ADAPTER_USES_AWT = noClasses()
            .that()
            .resideOutsideOfPackage("dev.airlock.app.platform.tray..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.awt..", "javax.swing..")
            .because("AWT runs beside JavaFX only for the tray icon (docs/adr/0013-tray.md)");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.airlock");
    }

    @Test
    void runtimeImportsNothingFromJavaFxOrAwt() {
        RUNTIME_HAS_NO_GUI_TOOLKIT.check(production);
    }

    @Test
    void uiDoesNotImportDockerJava() {
        UI_DOES_NOT_USE_DOCKER.check(production);
    }

    @Test
    void runtimeDoesNotDependOnUiOrApp() {
        RUNTIME_DOES_NOT_DEPEND_ON_UI_OR_APP.check(production);
    }

    @Test
    void uiDoesNotDependOnApp() {
        UI_DOES_NOT_DEPEND_ON_APP.check(production);
    }

    @Test
    void theTrayModelUsesNoToolkit() {
        TRAY_MODEL_HAS_NO_TOOLKIT.check(production);
    }

    @Test
    void onlyTheTrayAdapterUsesAwt() {
        ONLY_THE_TRAY_ADAPTER_USES_AWT.check(production);
    }

    @Test
    void theAwtRuleCatchesAClassOutsideTheTrayAdapter() {
        JavaClasses violating = new ClassFileImporter().importClasses(RuntimeClassUsingAwt.class);

        assertThatThrownBy(() -> ONLY_THE_TRAY_ADAPTER_USES_AWT.check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.awt.Color");
    }

    @Test
    void theToolkitRuleCatchesARuntimeClassThatUsesAwt() {
        JavaClasses violating = new ClassFileImporter().importClasses(RuntimeClassUsingAwt.class);

        assertThatThrownBy(() -> RUNTIME_HAS_NO_GUI_TOOLKIT.check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.awt.Color");
    }
}
