package org.gatehouse;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Each top-level package is a module; only their public APIs may be used by others, and no cycles. */
class ModularityTests {

	@Test
	void modulesOnlyUseEachOthersPublicApiAndFormNoCycles() {
		ApplicationModules.of(GatehouseApplication.class).verify();
	}

}
