package org.gatehouse.shared;

import java.time.Duration;

/**
 * A refusal the API answers with a problem response. The detail is shown to the caller, so it
 * must never carry a secret.
 */
public class ProblemException extends RuntimeException {

	private final Problem problem;
	private final Duration retryAfter;

	public ProblemException(Problem problem, String detail) {
		this(problem, detail, null);
	}

	public ProblemException(Problem problem, String detail, Duration retryAfter) {
		super(detail, null, false, false);
		this.problem = problem;
		this.retryAfter = retryAfter;
	}

	public static ProblemException notFound() {
		return new ProblemException(Problem.NOT_FOUND, "No such resource.");
	}

	public static ProblemException invalid(String detail) {
		return new ProblemException(Problem.INVALID_INPUT, detail);
	}

	public Problem problem() {
		return problem;
	}

	public Duration retryAfter() {
		return retryAfter;
	}

}
