package org.gatehouse.user;

import java.security.SecureRandom;
import java.util.List;

import org.gatehouse.shared.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * NIST SP 800-63B: no composition rules, but a password that is common, repetitive, sequential or
 * made of the context (the service, the organization, the person's email) is refused, saying why
 * and without repeating it.
 */
class PasswordPolicyTests {

	static final String EMAIL = "mira.kowalski@northwind.example";

	static final List<String> ORGANIZATION = List.of("Northwind Traders", "northwind-traders");

	@ParameterizedTest
	@ValueSource(strings = { "password1234", "qwertyuiopas", "iloveyou1234", "Password123!", "letmein12345" })
	void refusesCommonlyUsedPasswords(String password) {
		assertRefused(password, null, List.of(), "commonly used");
	}

	@ParameterizedTest
	@ValueSource(strings = { "aaaaaaaaaaaa", "abcabcabcabc", "zzzzzzzzzzzzzzzzzzzzzzzz" })
	void refusesRepeatedCharacters(String password) {
		assertRefused(password, null, List.of(), "repeat");
	}

	@ParameterizedTest
	@ValueSource(strings = { "123456789012", "abcdefghijklm", "987654321098" })
	void refusesSequences(String password) {
		assertRefused(password, null, List.of(), "sequence");
	}

	@Test
	void refusesThePersonsOwnEmailAndItsParts() {
		assertRefused(EMAIL, EMAIL, List.of(), "email");
		assertRefused("mira.kowalski2024", EMAIL, List.of(), "email");
	}

	@Test
	void refusesTheOrganizationsNameAndSlugAndTheServicesName() {
		assertRefused("northwind-traders2", EMAIL, ORGANIZATION, "organization");
		assertRefused("NorthwindTraders!", EMAIL, ORGANIZATION, "organization");
		assertRefused("gatehouse2024!", EMAIL, ORGANIZATION, "Gatehouse");
	}

	@Test
	void aRandomIdentifierIsAcceptedAloneButNotAsTheOrganizationsSlug() {
		String slug = "org-5f0c9e2a7b1d";
		assertThatCode(() -> PasswordPolicy.check(slug, EMAIL, List.of())).doesNotThrowAnyException();
		assertRefused(slug, EMAIL, List.of("Org " + slug, slug), "organization");
	}

	@ParameterizedTest
	@ValueSource(strings = { "correct horse battery staple", "another password, long enough",
			"Tr0ub4dor&3 at the quay", "plum-kettle-orbit-44" })
	void acceptsPassphrasesAndHardToGuessPasswords(String password) {
		assertThatCode(() -> PasswordPolicy.check(password, EMAIL, ORGANIZATION)).doesNotThrowAnyException();
	}

	@Test
	void keepsTheLengthLimits() {
		assertRefused("x7#kQ9!pL2", null, List.of(), "at least 12");
		assertRefused("x".repeat(129), null, List.of(), "at most 128");
	}

	@Test
	void judgesOnlyTheStartOfALongPasswordSoItsCostStaysBounded() {
		String strong = random(PasswordPolicy.JUDGED);
		assertThatCode(() -> PasswordPolicy.check(strong + "a".repeat(PasswordPolicy.MAX - PasswordPolicy.JUDGED), EMAIL,
				ORGANIZATION)).doesNotThrowAnyException();
		assertRefused("a".repeat(PasswordPolicy.JUDGED) + random(PasswordPolicy.MAX - PasswordPolicy.JUDGED), EMAIL,
				ORGANIZATION, "repeat");
	}

	static String random(int length) {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		while (password.length() < length) {
			password.append((char) ('!' + random.nextInt(94)));
		}
		return password.toString();
	}

	static void assertRefused(String password, String email, List<String> organization, String reason) {
		assertThatThrownBy(() -> PasswordPolicy.check(password, email, organization))
			.isInstanceOf(ProblemException.class)
			.hasMessageContaining(reason)
			.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain(password))
			.satisfies(ex -> assertThat(((ProblemException) ex).problem().status()).isEqualTo(400));
	}

}
