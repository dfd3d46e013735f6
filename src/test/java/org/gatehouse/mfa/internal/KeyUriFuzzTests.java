package org.gatehouse.mfa.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gatehouse.shared.Text;
import org.gatehouse.support.FuzzInput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code otpauth://} Key URI for any issuer and account (the organization's name and the person's email, which
 * people choose). Either it is refused with an {@link IllegalArgumentException}, or an authenticator app parsing the
 * URI reads back exactly the issuer, the account and the secret, with one colon in the label.
 */
class KeyUriFuzzTests {

	static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	@FuzzTest
	void buildsAKeyUriThatParsesBackToItsPartsOrRefuses(byte[] data) throws URISyntaxException {
		List<String> parts = FuzzInput.lines(data, 2);
		KeyUri keyUri;
		try {
			keyUri = KeyUri.totp(parts.get(0), parts.get(1), SECRET);
		}
		catch (IllegalArgumentException refused) {
			assertThat(refused.getMessage()).matches("Key URI (issuer|account) must not (be blank|contain control or direction-changing characters)");
			return;
		}
		for (String part : List.of(keyUri.issuer(), keyUri.account())) {
			assertThat(part).isNotBlank().isEqualTo(part.strip()).doesNotContain(":");
			assertThat(Text.acceptable(part)).as("acceptable: %s", part).isTrue();
		}
		URI uri = new URI(keyUri.uri());
		assertThat(uri.getScheme()).isEqualTo("otpauth");
		assertThat(uri.getAuthority()).isEqualTo("totp");
		assertThat(uri.getPath()).isEqualTo("/" + keyUri.issuer() + ":" + keyUri.account());
		Map<String, String> query = Arrays.stream(uri.getRawQuery().split("&"))
			.map(pair -> pair.split("=", 2))
			.collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
		assertThat(query).containsOnlyKeys("secret", "issuer", "algorithm", "digits", "period")
			.containsEntry("issuer", keyUri.issuer())
			.containsEntry("algorithm", "SHA1")
			.containsEntry("digits", "6")
			.containsEntry("period", "30");
		assertThat(Base32Secret.decode(query.get("secret"))).isEqualTo(SECRET);
		assertThat(keyUri.toString()).doesNotContain(query.get("secret"));
	}

}
