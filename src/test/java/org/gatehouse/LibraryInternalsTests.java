package org.gatehouse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Gatehouse uses the libraries it builds on only through their published API: an {@code internal}
 * package of another library may change in any release, so an upgrade could break a start or, worse,
 * change behaviour silently. Gatehouse's own {@code internal} packages are its modules' business
 * ({@link ModularityTests}).
 */
class LibraryInternalsTests {

	static final JavaClasses classes = new ClassFileImporter().importPackages("org.gatehouse");

	@Test
	void noClassUsesAnotherLibrarysInternalPackage() {
		noClasses().should()
			.dependOnClassesThat(resideInAPackage("..internal..").and(resideOutsideOfPackage("org.gatehouse..")))
			.check(classes);
	}

}
