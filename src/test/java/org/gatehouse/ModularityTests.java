package org.gatehouse;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Each direct sub-package of {@code org.gatehouse} is a module whose {@code package-info.java} names the modules it may
 * use; only their root packages (never an {@code internal} one) may be used, and there are no cycles.
 */
class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(GatehouseApplication.class);

	@Test
	void modulesUseOnlyTheModulesTheyDeclareThroughTheirPublicApiAndFormNoCycles() {
		modules.verify();
	}

	/** The module diagram that docs/architecture.md links: one for the whole service, one per module. */
	@Test
	void writesTheModuleDiagramsIntoDocs() {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();
	}

}
