package org.gatehouse.recovery.internal;

import org.gatehouse.shared.Actor;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.PermissionDenied;

/** Only agents of the platform organization reach the support side, whatever their role says. */
public final class SupportAccess {

	private SupportAccess() {
	}

	public static void require(Actor actor, Permission permission) {
		if (!OrganizationId.PLATFORM.equals(actor.organizationId())) {
			throw new PermissionDenied(permission);
		}
		actor.require(permission);
	}

}
