package org.gatehouse.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies an organization (a tenant). */
public record OrganizationId(UUID value) {

	/** The audit chain and mail of the vendor's own support side, outside every organization. */
	public static final OrganizationId PLATFORM = new OrganizationId(new UUID(0, 0));

	public OrganizationId {
		Objects.requireNonNull(value, "value");
	}

	public static OrganizationId random() {
		return new OrganizationId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
