package org.gatehouse.shared;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What a role may allow. The code is the stable name used in the API and the database. */
public enum Permission {

	USERS_READ("users.read"),
	USERS_MANAGE("users.manage"),
	ROLES_MANAGE("roles.manage"),
	AUDIT_READ("audit.read"),
	ORGANIZATION_MANAGE("organization.manage");

	private final String code;

	Permission(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public static Optional<Permission> fromCode(String code) {
		return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
	}

	public static Set<Permission> all() {
		return EnumSet.allOf(Permission.class);
	}

}
