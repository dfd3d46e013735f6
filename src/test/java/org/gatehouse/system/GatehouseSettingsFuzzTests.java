package org.gatehouse.system;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gatehouse.shared.Tokens;
import org.gatehouse.support.FuzzInput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base URL every emailed link starts with ({@code gatehouse.base-url}). Either the service refuses to start with
 * it ({@link IllegalArgumentException}), or every link built on it is an http(s) URL to the service's host with the
 * page's path and the token as its only query, so that a mistyped setting cannot send people's tokens elsewhere.
 */
class GatehouseSettingsFuzzTests {

	static final String TOKEN = Tokens.newToken();

	@FuzzTest
	void buildsOnlyLinksToTheServiceOrRefusesTheBaseUrl(byte[] data) throws URISyntaxException {
		GatehouseSettings settings;
		try {
			settings = new GatehouseSettings(FuzzInput.text(data), null);
		}
		catch (IllegalArgumentException refused) {
			return;
		}
		URI link = new URI(settings.link("/invitation", TOKEN));
		assertThat(link.getScheme().toLowerCase(Locale.ROOT)).as(link.toString()).isIn("http", "https");
		assertThat(link.getHost()).as(link.toString()).isNotBlank();
		assertThat(link.getRawUserInfo()).as(link.toString()).isNull();
		assertThat(link.getRawFragment()).as(link.toString()).isNull();
		assertThat(link.getRawQuery()).as(link.toString()).isEqualTo("token=" + TOKEN);
		assertThat(link.getRawPath()).as(link.toString()).endsWith("/invitation");
	}

}
