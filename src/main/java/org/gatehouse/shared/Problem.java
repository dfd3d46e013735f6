package org.gatehouse.shared;

/**
 * The stable problem types of the API (RFC 9457). The type URI is {@code https://gatehouse.dev/problems/<slug>}.
 */
public enum Problem {

	INVALID_INPUT(400, "invalid-input", "The request is not valid"),
	SIGN_IN_FAILED(401, "sign-in-failed", "Sign-in failed"),
	UNAUTHENTICATED(401, "unauthenticated", "Sign-in required"),
	FORBIDDEN(403, "forbidden", "Not allowed"),
	MFA_REQUIRED(403, "mfa-required", "A second factor is required first"),
	STEP_UP_REQUIRED(403, "step-up-required", "Confirm your second factor again"),
	NOT_FOUND(404, "not-found", "Not found"),
	UNSUPPORTED(405, "unsupported-request", "This method or media type is not supported here"),
	CONFLICT(409, "conflict", "Conflicts with the current state"),
	LAST_ADMINISTRATOR(409, "last-administrator", "The organization would have no administrator left"),
	GONE(410, "gone", "This link has expired or was already used"),
	THROTTLED(429, "throttled", "Too many attempts"),
	UNAVAILABLE(503, "unavailable", "Temporarily unavailable"),
	INTERNAL(500, "internal", "Something went wrong on our side");

	private final int status;
	private final String slug;
	private final String title;

	Problem(int status, String slug, String title) {
		this.status = status;
		this.slug = slug;
		this.title = title;
	}

	public int status() {
		return status;
	}

	public String slug() {
		return slug;
	}

	public String title() {
		return title;
	}

	public String typeUri() {
		return "https://gatehouse.dev/problems/" + slug;
	}

}
