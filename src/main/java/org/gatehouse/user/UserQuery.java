package org.gatehouse.user;

import org.gatehouse.shared.RoleId;

/** Filters of the user list; all optional. Pages count from 0 and hold at most 200 users. */
public record UserQuery(UserKind kind, RoleId roleId, UserStatus status, MfaFilter mfa, String text, int page,
		int size) {

	/** Users by the state of their second factor. */
	public enum MfaFilter { NONE, ONE, BACKUP, NO_BACKUP, RECOVERY_CODES_LEFT, RECOVERY_CODES_LOW }

	public UserQuery {
		if (page < 0 || page > 100_000) {
			throw org.gatehouse.shared.ProblemException.invalid("page must be between 0 and 100000.");
		}
		if (size < 1 || size > 200) {
			throw org.gatehouse.shared.ProblemException.invalid("size must be between 1 and 200.");
		}
		if (text != null && (text.length() > 200 || !org.gatehouse.shared.Text.acceptable(text))) {
			throw org.gatehouse.shared.ProblemException.invalid("q has at most 200 characters and no control characters.");
		}
	}

}
