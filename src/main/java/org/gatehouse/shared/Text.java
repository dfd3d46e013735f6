package org.gatehouse.shared;

import java.text.Normalizer;

/**
 * Free text people type (names, labels, reasons): trimmed, NFC-normalized, bounded, and free of
 * control characters, bidirectional overrides and broken surrogates, which have no place in a
 * name and are used to disguise one.
 */
public final class Text {

	private Text() {
	}

	/** The cleaned text, or 400 naming the field. */
	public static String clean(String value, int max, String field) {
		if (value == null || value.isBlank()) {
			throw ProblemException.invalid(field + " is required.");
		}
		String text = Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
		if (text.codePointCount(0, text.length()) > max) {
			throw ProblemException.invalid(field + " has at most " + max + " characters.");
		}
		if (!acceptable(text)) {
			throw ProblemException.invalid(field + " contains control or direction-changing characters.");
		}
		return text;
	}

	/** Like {@link #clean} for optional text: null or blank gives null. */
	public static String optional(String value, int max, String field) {
		return value == null || value.isBlank() ? null : clean(value, max, field);
	}

	public static boolean acceptable(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
					|| c == '\u200E' || c == '\u200F' || c == '\u061C' || c == '\uFEFF') {
				return false;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return false;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
