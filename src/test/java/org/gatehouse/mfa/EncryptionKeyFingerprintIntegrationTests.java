package org.gatehouse.mfa;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gatehouse.GatehouseApplication;
import org.gatehouse.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes started with different encryption keys must not both run: devices enrolled on one would
 * fail on the other, counted as wrong codes. The first start stores a keyed fingerprint of each key by
 * its id; a later start (another node, in-process here, on the same database) whose key does not match
 * refuses to start and says which key id and what to do.
 */
@IntegrationTest
class EncryptionKeyFingerprintIntegrationTests {

	@Autowired
	Environment env;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theFirstStartStoresAKeyedFingerprintOfTheCurrentKeyAndNeverTheKeyOrItsPlainHash() throws Exception {
		byte[] key = Base64.getDecoder().decode(env.getRequiredProperty("gatehouse.encryption.key"));
		String fingerprint = jdbc.sql("SELECT fingerprint FROM encryption_key WHERE key_id = 'k1'")
			.query(String.class).single();

		assertThat(fingerprint).hasSizeGreaterThanOrEqualTo(43);
		byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(key);
		assertThat(fingerprint).isNotIn(Base64.getEncoder().encodeToString(key),
				Base64.getUrlEncoder().withoutPadding().encodeToString(key), HexFormat.of().formatHex(key),
				Base64.getEncoder().encodeToString(sha256), Base64.getUrlEncoder().withoutPadding().encodeToString(sha256),
				HexFormat.of().formatHex(sha256));
	}

	@Test
	void aNodeWithAnotherKeyUnderTheSameIdRefusesToStartNamingTheKeyId() {
		String stored = fingerprint("k1");

		assertThatThrownBy(() -> start(randomKey(), Map.of()).close())
			.satisfies(ex -> assertThat(messages(ex)).anySatisfy(message -> assertThat(message)
				.contains("'k1'", "GATEHOUSE_ENCRYPTION_KEY")
				.doesNotContain(env.getRequiredProperty("gatehouse.encryption.key"))));

		assertThat(fingerprint("k1")).isEqualTo(stored);
	}

	@Test
	void aNodeWithTheSameKeysStartsAndAPreviousKeyIsHeldToItsFirstFingerprintToo() {
		String key = env.getRequiredProperty("gatehouse.encryption.key");
		String previousId = "old" + UUID.randomUUID().toString().substring(0, 8);

		try (ConfigurableApplicationContext node = start(key, Map.of(previousId, randomKey()))) {
			assertThat(node.isRunning()).isTrue();
		}
		assertThat(fingerprint(previousId)).isNotBlank();

		assertThatThrownBy(() -> start(key, Map.of(previousId, randomKey())).close())
			.satisfies(ex -> assertThat(messages(ex)).anySatisfy(message -> assertThat(message)
				.contains("'" + previousId + "'", "GATEHOUSE_ENCRYPTION_PREVIOUS_KEYS_")));
	}

	String fingerprint(String keyId) {
		return jdbc.sql("SELECT fingerprint FROM encryption_key WHERE key_id = ?").param(keyId).query(String.class)
			.single();
	}

	/**
	 * Another node on this test's database, without a web server. The settings go in as command-line
	 * arguments, which come before application.properties (default properties would not).
	 */
	ConfigurableApplicationContext start(String key, Map<String, String> previousKeys) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (String name : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
				"spring.mail.host", "spring.mail.port")) {
			properties.put(name, env.getRequiredProperty(name));
		}
		properties.put("gatehouse.encryption.key", key);
		previousKeys.forEach((id, previous) -> properties.put("gatehouse.encryption.previous-keys." + id, previous));
		properties.put("gatehouse.data-dir", Path.of("target", "test-data", UUID.randomUUID().toString()).toString());
		properties.put("gatehouse.sweep.interval", "1000d");
		properties.put("gatehouse.mail.poll-interval", "1000d");
		properties.put("spring.main.banner-mode", "off");
		String[] arguments = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(GatehouseApplication.class).web(WebApplicationType.NONE).run(arguments);
	}

	static List<String> messages(Throwable ex) {
		List<String> messages = new ArrayList<>();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
		}
		return messages;
	}

	static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
