package org.gatehouse.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies a role within its organization. */
public record RoleId(UUID value) {

	public RoleId {
		Objects.requireNonNull(value, "value");
	}

	public static RoleId random() {
		return new RoleId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
