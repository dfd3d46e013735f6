package org.gatehouse.login.internal;

import java.security.SecureRandom;
import java.util.Base64;

/** 27 random bytes, URL-safe: 36 characters, the width of the session id column. */
public final class SessionIds {

	private static final SecureRandom RANDOM = new SecureRandom();

	private SessionIds() {
	}

	public static String next() {
		byte[] bytes = new byte[27];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
