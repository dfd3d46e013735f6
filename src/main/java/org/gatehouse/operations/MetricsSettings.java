package org.gatehouse.operations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code gatehouse.metrics.*}.
 *
 * @param token the bearer token the operator's scraper sends for the actuator endpoints other than health
 * ({@code GATEHOUSE_METRICS_TOKEN}); unset, those endpoints answer 404 to everyone
 */
@ConfigurationProperties("gatehouse.metrics")
public record MetricsSettings(String token) {

	static final int MIN_LENGTH = 32;

	public MetricsSettings {
		token = token == null || token.isBlank() ? null : token.strip();
		if (token != null && token.length() < MIN_LENGTH) {
			throw new IllegalArgumentException("gatehouse.metrics.token must have at least " + MIN_LENGTH + " characters");
		}
	}

	boolean enabled() {
		return token != null;
	}

	/**
	 * Whether {@code given} is the token. Both sides are hashed first, so the comparison takes the same
	 * time whatever the given value's length and however much of it is right.
	 */
	boolean accepts(String given) {
		if (token == null || given == null) {
			return false;
		}
		return MessageDigest.isEqual(sha256(given), sha256(token));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "MetricsSettings[token=" + (token == null ? "unset" : "set") + "]";
	}

}
