package org.gatehouse.recovery.internal;

import java.text.Normalizer;

import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.Text;

/**
 * The free text of a request, which unlike a name may span lines: line breaks normalised to
 * {@code \n}, tabs to spaces, NFC, bounded; other control and direction-changing characters are
 * refused ({@link #clean}) or dropped ({@link #sanitize}, for email that cannot be sent back).
 */
public final class MessageText {

	static final int MAX = 4000;

	private MessageText() {
	}

	public static String clean(String value) {
		String text = normalize(value);
		for (String line : text.split("\n", -1)) {
			if (!Text.acceptable(line)) {
				throw ProblemException.invalid("The message contains control or direction-changing characters.");
			}
		}
		if (text.codePointCount(0, text.length()) > MAX) {
			throw ProblemException.invalid("The message has at most " + MAX + " characters.");
		}
		return text;
	}

	static String sanitize(String value, int max) {
		StringBuilder out = new StringBuilder();
		normalize(value).codePoints().forEach(c -> {
			if (c == '\n' || Text.acceptable(new String(Character.toChars(c)))) {
				out.appendCodePoint(c);
			}
		});
		// composed again: a dropped character may have stood between a letter and its accent
		String text = Normalizer.normalize(out.toString(), Normalizer.Form.NFC).strip();
		return text.codePointCount(0, text.length()) > max ? text.substring(0, text.offsetByCodePoints(0, max)) : text;
	}

	private static String normalize(String value) {
		String text = value == null ? "" : value.replace("\r\n", "\n").replace('\r', '\n').replace('\t', ' ');
		return Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
	}

}
