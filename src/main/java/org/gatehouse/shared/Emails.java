package org.gatehouse.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/** Email addresses as Gatehouse compares them: trimmed and lower-cased. */
public final class Emails {

	private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

	private Emails() {
	}

	public static String normalize(String email) {
		return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
	}

	public static boolean isValid(String email) {
		return email != null && email.length() <= 320 && Text.acceptable(email) && SHAPE.matcher(email.trim()).matches();
	}

}
