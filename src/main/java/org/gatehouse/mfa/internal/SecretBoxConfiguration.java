package org.gatehouse.mfa.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.gatehouse.system.GatehouseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class SecretBoxConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecretBoxConfiguration.class);

	@Bean
	SecretBox secretBox(EncryptionSettings encryption, GatehouseSettings settings, JdbcClient jdbc, Clock clock) {
		Map<String, byte[]> ring = new HashMap<>();
		encryption.previousKeys().forEach((id, key) -> ring.put(id, SecretBox.parseKey(key)));
		if (encryption.key() == null || encryption.key().isBlank()) {
			Path file = Path.of(settings.dataDir(), "encryption.key").toAbsolutePath().normalize();
			ring.put(encryption.keyId(), KeyFile.loadOrCreate(file));
			log.warn("GATEHOUSE_ENCRYPTION_KEY is not set: TOTP secrets are encrypted with the key file {} "
					+ "(owner-only). Set GATEHOUSE_ENCRYPTION_KEY in production.", file);
		}
		else {
			ring.put(encryption.keyId(), SecretBox.parseKey(encryption.key().strip()));
		}
		SecretBox box = new SecretBox(ring, encryption.keyId());
		new KeyFingerprints(jdbc, clock).verify(ring, encryption.keyId());
		return box;
	}

}
