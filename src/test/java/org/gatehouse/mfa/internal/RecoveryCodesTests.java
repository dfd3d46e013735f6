package org.gatehouse.mfa.internal;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.gatehouse.hashing.Argon2Slots;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryCodesTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final RecoveryCodes recoveryCodes = new RecoveryCodes(new Argon2Slots(1, meters),
			RecoveryCodes.argon2id(true));

	@Test
	void hashesASetAndFindsTheTypedCodeAmongItEachInOneTurnOfASlot() {
		List<String> codes = this.recoveryCodes.generate().subList(0, 3);
		List<String> hashes = this.recoveryCodes.hashAll(codes);

		assertThat(this.recoveryCodes.firstMatch(codes.get(1).toLowerCase(Locale.ROOT), hashes, hash -> hash))
			.contains(hashes.get(1));
		assertThat(this.recoveryCodes.firstMatch("0000-0000-0000-0000", hashes, hash -> hash)).isEmpty();
		assertThat(this.meters.timer("gatehouse.password.hash").count()).isEqualTo(3);
	}

	@Test
	void generatesTenDistinctCodesInGroupsOfFour() {
		List<String> codes = this.recoveryCodes.generate();
		assertThat(codes).hasSize(10).doesNotHaveDuplicates();
		assertThat(codes).allSatisfy((code) -> assertThat(code)
			.matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"));
	}

	@Test
	void usesAnAlphabetOf32SymbolsWithoutILOorU() {
		Set<Integer> symbols = RecoveryCodes.ALPHABET.chars().boxed().collect(Collectors.toSet());
		assertThat(symbols).hasSize(32);
		assertThat(RecoveryCodes.ALPHABET).doesNotContain("I", "L", "O", "U");
		assertThat(RecoveryCodes.ALPHABET).isEqualTo(RecoveryCodes.ALPHABET.toUpperCase(Locale.ROOT));
	}

	@Test
	void carriesAtLeast80BitsPerCode() {
		String code = this.recoveryCodes.generate().get(0).replace("-", "");
		assertThat(code).hasSize(RecoveryCodes.LENGTH);
		BigInteger possibleCodes = BigInteger.valueOf(RecoveryCodes.ALPHABET.length()).pow(code.length());
		assertThat(possibleCodes).isGreaterThanOrEqualTo(BigInteger.TWO.pow(80));
	}

	@Test
	void drawsEverySymbolOfTheAlphabet() {
		Set<Integer> seen = new HashSet<>();
		IntStream.range(0, 100)
			.forEach((i) -> this.recoveryCodes.generate()
				.forEach((code) -> code.replace("-", "").chars().forEach(seen::add)));
		assertThat(seen).containsExactlyInAnyOrderElementsOf(
				RecoveryCodes.ALPHABET.chars().boxed().collect(Collectors.toSet()));
	}

	@Test
	void drawsFreshCodesEachTime() {
		assertThat(this.recoveryCodes.generate()).doesNotContainAnyElementsOf(this.recoveryCodes.generate());
	}

	@Test
	void normalizesLowerCaseSpacesAndDashes() {
		assertThat(RecoveryCodes.normalize(" abcd-efgh 2345 - 6789 ")).isEqualTo("ABCDEFGH23456789");
	}

	@Test
	void normalizesLookAlikeLetters() {
		assertThat(RecoveryCodes.normalize("oOiI-lL01")).isEqualTo("00111101");
	}

	@Test
	void matchesTheCodeItHashed() {
		String code = this.recoveryCodes.generate().get(0);
		assertThat(this.recoveryCodes.matches(code, this.recoveryCodes.hash(code))).isTrue();
	}

	@Test
	void matchesTheCodeTypedLoosely() {
		String hash = this.recoveryCodes.hash("0A1B-2C3D-4E5F-6G7H");
		assertThat(this.recoveryCodes.matches("oa1b 2c3d 4e5f 6g7h", hash)).isTrue();
		assertThat(this.recoveryCodes.matches("0a lb-2c3d4e5f6g7h", hash)).isTrue();
	}

	@Test
	void refusesAnotherCode() {
		List<String> codes = this.recoveryCodes.generate();
		String hash = this.recoveryCodes.hash(codes.get(0));
		assertThat(this.recoveryCodes.matches(codes.get(1), hash)).isFalse();
		assertThat(this.recoveryCodes.matches("", hash)).isFalse();
		assertThat(this.recoveryCodes.matches(null, hash)).isFalse();
		assertThat(this.recoveryCodes.matches(codes.get(0), null)).isFalse();
	}

	@Test
	void storesOnlySaltedArgon2idHashes() {
		String code = this.recoveryCodes.generate().get(0);
		String first = this.recoveryCodes.hash(code);
		String second = this.recoveryCodes.hash(code);
		assertThat(first).startsWith("$argon2id$").isNotEqualTo(second);
		assertThat(first).doesNotContain(code).doesNotContain(RecoveryCodes.normalize(code));
	}

}
