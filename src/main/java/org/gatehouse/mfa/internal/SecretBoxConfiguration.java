package org.gatehouse.mfa.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.gatehouse.system.Argon2Slots;
import org.gatehouse.system.GatehouseSettings;
import org.gatehouse.system.PasswordHashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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

	@Bean
	TotpCodes totpCodes() {
		return new TotpCodes();
	}

	/** Hashed in the same slots as passwords: one Argon2 computation per processor at a time. */
	@Bean
	RecoveryCodes recoveryCodes(@Value(PasswordHashing.NATIVE_ALLOWED) boolean nativeArgon2, Argon2Slots slots) {
		return new RecoveryCodes(slots, RecoveryCodes.argon2id(nativeArgon2));
	}

}
