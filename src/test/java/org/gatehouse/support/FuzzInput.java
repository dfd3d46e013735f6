package org.gatehouse.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fuzzer's bytes as text for the fuzz tests: UTF-8, where {@code \}{@code uXXXX} stands for any UTF-16 unit, so
 * that a seed file stays readable and can still hold what UTF-8 cannot carry (a lone surrogate) or what an editor
 * mangles (NUL, a direction override).
 */
public final class FuzzInput {

	private FuzzInput() {
	}

	public static String text(byte[] data) {
		String raw = new String(data, StandardCharsets.UTF_8);
		StringBuilder text = new StringBuilder(raw.length());
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == 'u' && isHex(raw, i + 2, i + 6)) {
				text.append((char) Integer.parseInt(raw, i + 2, i + 6, 16));
				i += 5;
			}
			else {
				text.append(c);
			}
		}
		return text.toString();
	}

	/** The text split at its first {@code parts - 1} line breaks, padded with empty strings to {@code parts}. */
	public static List<String> lines(byte[] data, int parts) {
		List<String> lines = new ArrayList<>(List.of(text(data).split("\n", parts)));
		while (lines.size() < parts) {
			lines.add("");
		}
		return lines;
	}

	private static boolean isHex(String text, int from, int to) {
		if (to > text.length()) {
			return false;
		}
		for (int i = from; i < to; i++) {
			if (Character.digit(text.charAt(i), 16) < 0) {
				return false;
			}
		}
		return true;
	}

}
