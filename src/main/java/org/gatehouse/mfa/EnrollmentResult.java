package org.gatehouse.mfa;

import java.util.List;
import java.util.UUID;

/** The outcome of confirming an enrollment; recovery codes only when a new set was made. */
public record EnrollmentResult(Verdict verdict, UUID authenticatorId, List<String> recoveryCodes) {

	public EnrollmentResult {
		recoveryCodes = recoveryCodes == null ? List.of() : List.copyOf(recoveryCodes);
	}

	@Override
	public String toString() {
		return "EnrollmentResult[" + verdict.outcome() + ", " + authenticatorId + "]";
	}

}
