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

	/**
	 * Whether the address, as it is stored ({@link #normalize}), has the shape of one. Lower-casing can lengthen an
	 * address ({@code İ} becomes two characters), so the bounds apply to the stored form.
	 */
	public static boolean isValid(String email) {
		if (email == null || email.length() > 320 || !Text.acceptable(email)) {
			return false;
		}
		String stored = normalize(email);
		return stored.length() <= 320 && SHAPE.matcher(stored).matches();
	}

}
