package org.gatehouse.mfa.internal;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class Base32SecretTests {

	private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	private static final String SEED_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	@Test
	void generatesTwentyRandomBytes() {
		byte[] first = Base32Secret.generate();
		byte[] second = Base32Secret.generate();
		assertThat(first).hasSize(20);
		assertThat(second).hasSize(20);
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void encodesUpperCaseRfc4648Base32() {
		assertThat(Base32Secret.encode(SEED)).isEqualTo(SEED_BASE32);
	}

	@Test
	void encodesWithoutPadding() {
		assertThat(Base32Secret.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
	}

	@Test
	void encodesAGeneratedSecretInThirtyTwoCharacters() {
		assertThat(Base32Secret.encode(Base32Secret.generate())).matches("[A-Z2-7]{32}");
	}

	@Test
	void decodesWhatItEncodes() {
		byte[] secret = Base32Secret.generate();
		assertThat(Base32Secret.decode(Base32Secret.encode(secret))).isEqualTo(secret);
	}

	@Test
	void decodesLowerCaseWithSpaces() {
		assertThat(Base32Secret.decode("gezd gnbv gy3t qojq GEZD gnbv gy3t qojq")).isEqualTo(SEED);
	}

	@Test
	void decodesUnpaddedText() {
		assertThat(Base32Secret.decode("MZXW6YTBOI")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
	}

	@ParameterizedTest
	@ValueSource(strings = { "GEZDGNBVGY3TQOJ1", "GEZDGNBVGY3TQOJ8", "GEZD-GNBV", "GEZDGNBV!", "ÄEZDGNBV", "", "   " })
	void refusesTextOutsideTheBase32Alphabet(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Base32Secret.decode(text));
	}

	@Test
	void refusesImpossibleLengths() {
		assertThatIllegalArgumentException().isThrownBy(() -> Base32Secret.decode("GEZDGNBVG"));
	}

	@Test
	void neverRepeatsTheSecretInErrors() {
		assertThatIllegalArgumentException().isThrownBy(() -> Base32Secret.decode(SEED_BASE32 + "!"))
			.withMessageNotContaining(SEED_BASE32)
			.withMessageNotContaining("GEZD");
	}

	@Test
	void groupsTheManualKeyInFours() {
		assertThat(Base32Secret.grouped(SEED_BASE32)).isEqualTo("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
	}

	@Test
	void groupsAShortLastGroup() {
		assertThat(Base32Secret.grouped("MZXW6YTBOI")).isEqualTo("MZXW 6YTB OI");
	}

	@Test
	void groupedKeyDecodesToTheSameSecret() {
		byte[] secret = Base32Secret.generate();
		assertThat(Base32Secret.decode(Base32Secret.grouped(Base32Secret.encode(secret)))).isEqualTo(secret);
	}

}
