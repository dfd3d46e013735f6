package org.gatehouse.mfa.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.stream.LongStream;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class TotpCodesTests {

	private static final byte[] SHA1_SEED = ascii("12345678901234567890");

	private static final byte[] SHA256_SEED = ascii("12345678901234567890123456789012");

	private static final byte[] SHA512_SEED = ascii("1234567890123456789012345678901234567890123456789012345678901234");

	private static final Instant NOW = Instant.ofEpochSecond(1_234_567_890);

	private static final long T = TotpCodes.stepAt(NOW);

	private final TotpCodes codes = new TotpCodes();

	@ParameterizedTest
	@CsvSource({ "59, 94287082, 46119246, 90693936", "1111111109, 07081804, 68084774, 25091201",
			"1111111111, 14050471, 67062674, 99943326", "1234567890, 89005924, 91819424, 93441116",
			"2000000000, 69279037, 90698825, 38618901", "20000000000, 65353130, 77737706, 47863826" })
	void matchesRfc6238AppendixBInEveryHashMode(long time, String sha1, String sha256, String sha512) {
		long step = TotpCodes.stepAt(Instant.ofEpochSecond(time));
		assertThat(eightDigits(TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1).codeAt(SHA1_SEED, step))
			.isEqualTo(sha1);
		assertThat(eightDigits(TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA256).codeAt(SHA256_SEED, step))
			.isEqualTo(sha256);
		assertThat(eightDigits(TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA512).codeAt(SHA512_SEED, step))
			.isEqualTo(sha512);
	}

	@Test
	void matchesRfc4226AppendixDForCountersZeroToNine() {
		assertThat(LongStream.rangeClosed(0, 9).mapToObj((counter) -> this.codes.codeAt(SHA1_SEED, counter)))
			.containsExactly("755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
					"520489");
	}

	@Test
	void usesThirtySecondStepsFromTheEpoch() {
		assertThat(TotpCodes.stepAt(Instant.EPOCH)).isZero();
		assertThat(TotpCodes.stepAt(Instant.ofEpochSecond(29, 999_999_999))).isZero();
		assertThat(TotpCodes.stepAt(Instant.ofEpochSecond(30))).isEqualTo(1);
		assertThat(TotpCodes.stepAt(Instant.ofEpochSecond(59))).isEqualTo(1);
		assertThat(TotpCodes.stepAt(Instant.ofEpochSecond(1_111_111_109))).isEqualTo(0x23523EC);
	}

	@Test
	void defaultsToSixDigitSha1() {
		assertThat(this.codes.codeAt(SHA1_SEED, TotpCodes.stepAt(Instant.ofEpochSecond(1_111_111_109))))
			.isEqualTo("081804");
	}

	@Test
	void acceptsCodeFromCurrentStep() {
		assertThat(matching(codeFor(T))).hasValue(T);
	}

	@Test
	void acceptsCodeFromPreviousStep() {
		assertThat(matching(codeFor(T - 1))).hasValue(T - 1);
	}

	@Test
	void acceptsCodeFromNextStep() {
		assertThat(matching(codeFor(T + 1))).hasValue(T + 1);
	}

	@Test
	void refusesCodeFromTwoStepsBack() {
		assertThat(codeFor(T - 2)).isNotIn(codeFor(T - 1), codeFor(T), codeFor(T + 1));
		assertThat(matching(codeFor(T - 2))).isEmpty();
	}

	@Test
	void refusesCodeFromTwoStepsAhead() {
		assertThat(codeFor(T + 2)).isNotIn(codeFor(T - 1), codeFor(T), codeFor(T + 1));
		assertThat(matching(codeFor(T + 2))).isEmpty();
	}

	@Test
	void usesOnlyTheGivenServerTimeForTheWindow() {
		Instant aMinuteLater = NOW.plusSeconds(60);
		assertThat(this.codes.matchingStep(SHA1_SEED, codeFor(T), aMinuteLater)).isEmpty();
		assertThat(this.codes.matchingStep(SHA1_SEED, codeFor(T + 2), aMinuteLater)).hasValue(T + 2);
	}

	@Test
	void refusesCodeOfAnotherSecret() {
		String otherSecretsCode = this.codes.codeAt(SHA256_SEED, T);
		assertThat(otherSecretsCode).isNotIn(codeFor(T - 1), codeFor(T), codeFor(T + 1));
		assertThat(matching(otherSecretsCode)).isEmpty();
	}

	@Test
	void ignoresSpacesInTypedCode() {
		String code = codeFor(T);
		assertThat(matching(" " + code.substring(0, 3) + " " + code.substring(3) + " ")).hasValue(T);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "12345", "1234567", "12345a", "-12345", "+12345", "12 34 5", "１２３４５６", "٠١٢٣٤٥" })
	void refusesMalformedCodesWithoutThrowing(String code) {
		assertThatCode(() -> matching(code)).doesNotThrowAnyException();
		assertThat(matching(code)).isEmpty();
	}

	@Test
	void refusesCurrentCodeWithExtraCharacters() {
		String code = codeFor(T);
		assertThat(matching(code + "0")).isEmpty();
		assertThat(matching(code + "x")).isEmpty();
		assertThat(matching(code + "\u0000")).isEmpty();
		assertThat(matching(code.substring(1))).isEmpty();
	}

	@Test
	void refusesCurrentCodeWrittenInNonAsciiDigits() {
		String fullWidth = codeFor(T).chars()
			.map((c) -> c - '0' + '０')
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		assertThat(matching(fullWidth)).isEmpty();
	}

	private OptionalLong matching(String code) {
		return this.codes.matchingStep(SHA1_SEED, code, NOW);
	}

	private String codeFor(long step) {
		return this.codes.codeAt(SHA1_SEED, step);
	}

	private static TotpCodes eightDigits(String algorithm) {
		return new TotpCodes(algorithm, 8);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
