package org.gatehouse.audit;

import java.util.Arrays;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditActionTests {

	@Test
	void wireStringsAreUniqueDottedLowercaseNames() {
		assertThat(Arrays.stream(AuditAction.values()).map(AuditAction::value))
			.doesNotHaveDuplicates()
			.allMatch(value -> value.matches("[a-z_]+(\\.[a-z_]+)+"));
	}

	@Test
	void constantNameSpellsTheWireString() {
		assertThat(AuditAction.values())
			.allMatch(action -> action.name().equals(action.value().toUpperCase(Locale.ROOT).replace('.', '_')));
	}

}
