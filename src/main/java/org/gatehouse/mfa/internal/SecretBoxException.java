package org.gatehouse.mfa.internal;

/**
 * A sealed secret could not be opened. The message never holds key material or plaintext.
 */
public class SecretBoxException extends RuntimeException {

	public SecretBoxException(String message) {
		super(message);
	}

	public SecretBoxException(String message, Throwable cause) {
		super(message, cause);
	}

}
