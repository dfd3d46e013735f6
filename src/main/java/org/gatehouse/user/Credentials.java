package org.gatehouse.user;

/** What the password step of sign-in needs. The hash never leaves through toString. */
public record Credentials(Account account, String passwordHash) {

	@Override
	public String toString() {
		return "Credentials[" + account.id() + "]";
	}

}
