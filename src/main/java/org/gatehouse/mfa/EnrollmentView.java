package org.gatehouse.mfa;

import java.util.UUID;

/** A started enrollment as the API answers it: the secret to put into the authenticator app, once. */
public record EnrollmentView(UUID authenticatorId, String secret, String manualKey, String otpauthUri, String qrCode) {

	@Override
	public String toString() {
		return "EnrollmentView[" + authenticatorId + "]";
	}

	public static EnrollmentView of(EnrollmentStarted started) {
		return new EnrollmentView(started.authenticatorId(), started.secret(), started.manualKey(),
				started.otpauthUri(), started.qrCode());
	}

}
