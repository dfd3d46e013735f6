package org.gatehouse.user;

import org.gatehouse.shared.ProblemException;

/** NIST SP 800-63B style: long enough, not absurdly long, not the email address. No composition rules. */
public final class PasswordPolicy {

	public static final int MIN = 12;
	public static final int MAX = 128;

	private PasswordPolicy() {
	}

	public static void check(String password, String email) {
		if (password == null || password.codePointCount(0, password.length()) < MIN) {
			throw ProblemException.invalid("The password needs at least " + MIN + " characters.");
		}
		if (password.length() > MAX) {
			throw ProblemException.invalid("The password has at most " + MAX + " characters.");
		}
		if (email != null && password.strip().equalsIgnoreCase(email.strip())) {
			throw ProblemException.invalid("The password must not be the email address.");
		}
	}

}
