package org.gatehouse.shared;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What a role may allow. The code is the stable name used in the API and the database. */
public enum Permission {

	USERS_READ("users.read"),
	USERS_MANAGE("users.manage"),
	ROLES_MANAGE("roles.manage"),
	AUDIT_READ("audit.read"),
	ORGANIZATION_MANAGE("organization.manage"),
	/** Works support-assisted recovery tickets; held only by roles of the platform (support) organization. */
	SUPPORT_AGENT("support.agent"),
	/** Gives the second approval of a recovery and creates agents; platform only. */
	SUPPORT_LEAD("support.lead");

	private static final Set<Permission> PLATFORM_ONLY = EnumSet.of(SUPPORT_AGENT, SUPPORT_LEAD);

	private static final Set<Permission> ADMINISTRATIVE = EnumSet.of(USERS_MANAGE, ROLES_MANAGE, ORGANIZATION_MANAGE,
			SUPPORT_AGENT, SUPPORT_LEAD);

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

	/** The permissions a role of an organization may hold: every one except the support side's. */
	public static Set<Permission> organization() {
		return EnumSet.complementOf(EnumSet.copyOf(PLATFORM_ONLY));
	}

	/**
	 * The permissions that act on other people's accounts, the roles, the organization or a recovery:
	 * whoever holds one must prove a second factor, so a role that grants one always requires MFA and
	 * its members get no exemption. Reading (users.read, audit.read) changes nothing, so it is not here.
	 */
	public static Set<Permission> administrative() {
		return EnumSet.copyOf(ADMINISTRATIVE);
	}

	/** Whether any of these permissions is administrative, so that whoever holds them must use MFA. */
	public static boolean anyAdministrative(Collection<Permission> permissions) {
		return permissions.stream().anyMatch(ADMINISTRATIVE::contains);
	}

	/** Whether only the support side (the platform organization) may hold this permission. */
	public boolean platformOnly() {
		return PLATFORM_ONLY.contains(this);
	}

}
