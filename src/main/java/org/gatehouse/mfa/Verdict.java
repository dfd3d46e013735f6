package org.gatehouse.mfa;

import java.time.Duration;

/**
 * The answer to one second-factor attempt. {@code LOCKED} means this failure started a wait, so
 * a half-finished sign-in must end; {@code WAITING} was refused without looking at the code.
 */
public record Verdict(Outcome outcome, Duration retryAfter, boolean recoveryCode) {

	public enum Outcome { ACCEPTED, REJECTED, LOCKED, WAITING, SUSPENDED }

	public boolean accepted() {
		return outcome == Outcome.ACCEPTED;
	}

	static Verdict accepted(boolean recoveryCode) {
		return new Verdict(Outcome.ACCEPTED, null, recoveryCode);
	}

	static Verdict of(Outcome outcome, Duration retryAfter) {
		return new Verdict(outcome, retryAfter, false);
	}

}
