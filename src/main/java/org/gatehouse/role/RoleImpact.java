package org.gatehouse.role;

/** Says in words what switching a role's MFA requirement does to its members. */
public final class RoleImpact {

	private RoleImpact() {
	}

	public static String describe(boolean requireMfaAfter, RoleMembers.MemberCounts counts) {
		long without = counts.withoutAuthenticator();
		if (requireMfaAfter) {
			return without == 0 ? "Every member already has an authenticator; nobody is asked to enroll."
					: members(without) + " will be asked to enroll an authenticator at their next sign-in.";
		}
		if (without == 0) {
			return "Every member has an authenticator and keeps using it; new members may skip MFA.";
		}
		return members(without) + (without == 1 ? " has" : " have")
				+ " no authenticator and will sign in with a password alone.";
	}

	private static String members(long n) {
		return n == 1 ? "1 member" : n + " members";
	}

}
