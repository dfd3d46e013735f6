package org.gatehouse.mfa;

import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;

/** The answer to a refused second-factor attempt. A replayed code gets the wrong-code answer. */
public final class Refusals {

	static final String WRONG_CODE = "The code is not correct.";

	private Refusals() {
	}

	public static ProblemException of(Verdict verdict) {
		return switch (verdict.outcome()) {
			case REJECTED -> new ProblemException(Problem.SIGN_IN_FAILED, WRONG_CODE);
			case LOCKED, WAITING -> new ProblemException(Problem.THROTTLED,
					"Too many wrong codes. Wait, then sign in again with your password.", verdict.retryAfter());
			case SUSPENDED -> new ProblemException(Problem.FORBIDDEN, "Your second factor is suspended after too many "
					+ "wrong codes. An administrator (or support, for the chief operator) must reset it.");
			case ACCEPTED -> throw new IllegalArgumentException("not a refusal");
		};
	}

	/** Whether the refusal ends a half-finished sign-in: the password is needed again. */
	public static boolean endsSignIn(Verdict verdict) {
		return verdict.outcome() != Verdict.Outcome.REJECTED;
	}

}
