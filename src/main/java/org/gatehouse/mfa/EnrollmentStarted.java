package org.gatehouse.mfa;

import java.util.UUID;

/**
 * The one response that shows a new secret: the Base32 secret, the same in groups of four for
 * typing, the {@code otpauth://} URI and its QR code as a data URI. toString shows none of it.
 */
public record EnrollmentStarted(UUID authenticatorId, String secret, String manualKey, String otpauthUri,
		String qrCode) {

	@Override
	public String toString() {
		return "EnrollmentStarted[" + authenticatorId + "]";
	}

}
