package org.gatehouse.user;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import com.nulabinc.zxcvbn.matchers.Match;
import org.gatehouse.shared.ProblemException;

/**
 * NIST SP 800-63B: long enough, not absurdly long, no composition rules, and not easy to guess: not a
 * commonly used or breached password, not repetitive or sequential, not made of the context (the
 * service's name, the organization's name or slug, the person's email). The guessing estimate is
 * zxcvbn's, with its lists of common passwords, words and names, and the context as extra words; a
 * password must reach its score 3 (about 10^8 guesses, "safely unguessable" for an online attack).
 * A refusal says why, and never repeats the password.
 */
public final class PasswordPolicy {

	public static final int MIN = 12;

	public static final int MAX = 128;

	/** zxcvbn's "safely unguessable: moderate protection from an offline slow-hash scenario". */
	static final int MIN_SCORE = 3;

	/**
	 * The estimate's work grows faster than the length (a tenth of a second of processor time for 64
	 * random characters, a hundredth for 32), and sign-up is public: only the start of a longer password
	 * is judged. A start that is hard to guess cannot become easy by going on.
	 */
	static final int JUDGED = 32;

	static final String SERVICE = "gatehouse";

	private PasswordPolicy() {
	}

	/** Length alone: the cheap refusal before anything else is looked at. */
	public static void checkLength(String password) {
		if (password == null || password.codePointCount(0, password.length()) < MIN) {
			throw ProblemException.invalid("The password needs at least " + MIN + " characters.");
		}
		if (password.length() > MAX) {
			throw ProblemException.invalid("The password has at most " + MAX + " characters.");
		}
	}

	/**
	 * @param email the person's email address, or null when not known yet
	 * @param organization the organization's name and slug
	 */
	public static void check(String password, String email, Collection<String> organization) {
		checkLength(password);
		if (email != null && password.strip().equalsIgnoreCase(email.strip())) {
			throw ProblemException.invalid("The password must not be the email address.");
		}
		String judged = password.length() > JUDGED ? password.substring(0, JUDGED) : password;
		Strength strength = Estimator.ZXCVBN.measure(judged, contextWords(email, organization));
		if (strength.getScore() < MIN_SCORE) {
			throw ProblemException.invalid("The password is too easy to guess: " + reasons(strength.getSequence())
					+ ". Choose a longer one, e.g. several unrelated words.");
		}
	}

	static List<String> contextWords(String email, Collection<String> organization) {
		Set<String> words = new LinkedHashSet<>();
		words.add(SERVICE);
		List<String> phrases = new ArrayList<>(organization);
		if (email != null) {
			phrases.add(email);
			int at = email.indexOf('@');
			if (at > 0) {
				phrases.add(email.substring(0, at));
				phrases.add(email.substring(at + 1));
			}
		}
		for (String phrase : phrases) {
			if (phrase == null || phrase.isBlank()) {
				continue;
			}
			String lower = phrase.strip().toLowerCase(Locale.ROOT);
			words.add(lower);
			words.add(lower.replaceAll("[^\\p{L}\\p{N}]", ""));
			for (String part : lower.split("[^\\p{L}\\p{N}]+")) {
				if (part.length() >= 3) {
					words.add(part);
				}
			}
		}
		return List.copyOf(words);
	}

	private enum Reason {

		CONTEXT("it is made of the name of Gatehouse, of the organization or of your email address"),
		COMMON("it is or contains a commonly used password, word or name"),
		REPEAT("it repeats characters or a pattern"),
		SEQUENCE("it contains a sequence such as 1234 or abcd"),
		KEYBOARD("it contains a row of neighbouring keys"),
		DATE("it contains a date or a year");

		final String text;

		Reason(String text) {
			this.text = text;
		}

	}

	private static String reasons(List<Match> matches) {
		EnumSet<Reason> reasons = EnumSet.noneOf(Reason.class);
		for (Match match : matches) {
			switch (match.pattern) {
				case Dictionary -> reasons.add("user_inputs".equals(match.dictionaryName) ? Reason.CONTEXT : Reason.COMMON);
				case Repeat -> reasons.add(Reason.REPEAT);
				case Sequence -> reasons.add(match.token.chars().distinct().count() == 1 ? Reason.REPEAT : Reason.SEQUENCE);
				case Spatial -> reasons.add(Reason.KEYBOARD);
				case Date, Regex -> reasons.add(Reason.DATE);
				default -> {
				}
			}
		}
		if (reasons.isEmpty()) {
			return "it is too short for the characters it uses";
		}
		return reasons.stream().map(reason -> reason.text).collect(Collectors.joining("; "));
	}

	/** Loads zxcvbn's word lists (a few megabytes) at the first password set, not at every start. */
	private static final class Estimator {

		static final Zxcvbn ZXCVBN = new Zxcvbn();

	}

}
