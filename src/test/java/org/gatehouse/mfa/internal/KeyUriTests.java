package org.gatehouse.mfa.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KeyUriTests {

	private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	private static final String SEED_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	@Test
	void buildsTheGoogleAuthenticatorKeyUri() {
		assertThat(KeyUri.totp("Gatehouse", "alice@example.com", SEED).uri())
			.isEqualTo("otpauth://totp/Gatehouse:alice%40example.com?secret=" + SEED_BASE32
					+ "&issuer=Gatehouse&algorithm=SHA1&digits=6&period=30");
	}

	@Test
	void encodesSpacesAsPercentTwenty() {
		String uri = KeyUri.totp("Acme Corp", "Alice Smith", SEED).uri();
		assertThat(uri).startsWith("otpauth://totp/Acme%20Corp:Alice%20Smith?").contains("&issuer=Acme%20Corp&");
		assertThat(uri).doesNotContain("+");
	}

	@Test
	void percentEncodesReservedAndNonAsciiCharacters() {
		String uri = KeyUri.totp("Café & Co", "bob+mfa@example.com", SEED).uri();
		assertThat(uri).startsWith("otpauth://totp/Caf%C3%A9%20%26%20Co:bob%2Bmfa%40example.com?")
			.contains("&issuer=Caf%C3%A9%20%26%20Co&");
	}

	@Test
	void keepsColonsOutOfIssuerAndAccount() {
		KeyUri keyUri = KeyUri.totp("Acme:Prod", "ops:alice@example.com", SEED);
		assertThat(keyUri.issuer()).isEqualTo("Acme Prod");
		assertThat(keyUri.account()).isEqualTo("ops alice@example.com");
		assertThat(label(keyUri).split(":")).containsExactly("Acme Prod", "ops alice@example.com");
	}

	@Test
	void issuerParameterEqualsTheLabelPrefix() {
		KeyUri keyUri = KeyUri.totp("Acme: Corp & Sons", "alice@example.com", SEED);
		assertThat(query(keyUri).get("issuer")).isEqualTo(label(keyUri).split(":")[0]).isEqualTo("Acme Corp & Sons");
	}

	@Test
	void declaresThePolicyParameters() {
		assertThat(query(KeyUri.totp("Gatehouse", "alice", SEED))).containsEntry("secret", SEED_BASE32)
			.containsEntry("algorithm", "SHA1")
			.containsEntry("digits", "6")
			.containsEntry("period", "30");
	}

	@Test
	void leavesTheSecretOutOfToString() {
		KeyUri keyUri = KeyUri.totp("Gatehouse", "alice@example.com", SEED);
		assertThat(keyUri.toString()).contains("Gatehouse")
			.doesNotContain(SEED_BASE32)
			.doesNotContain("secret=")
			.doesNotContain("otpauth");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "   ", ":", " : " })
	void refusesBlankIssuerOrAccount(String blank) {
		assertThatIllegalArgumentException().isThrownBy(() -> KeyUri.totp(blank, "alice", SEED));
		assertThatIllegalArgumentException().isThrownBy(() -> KeyUri.totp("Gatehouse", blank, SEED));
	}

	private static String label(KeyUri keyUri) {
		return URI.create(keyUri.uri()).getPath().substring(1);
	}

	private static Map<String, String> query(KeyUri keyUri) {
		return Arrays.stream(URI.create(keyUri.uri()).getRawQuery().split("&"))
			.map((pair) -> pair.split("=", 2))
			.collect(Collectors.toMap((pair) -> pair[0], (pair) -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
	}

}
