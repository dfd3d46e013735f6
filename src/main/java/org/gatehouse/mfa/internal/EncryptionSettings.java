package org.gatehouse.mfa.internal;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys for TOTP secrets at rest ({@code GATEHOUSE_ENCRYPTION_KEY}, base64 of 32 bytes).
 *
 * @param key the current key; when absent, the embedded default keeps one in a key file
 * @param keyId the name stored with every secret sealed under the current key
 * @param previousKeys older keys by id, still able to open what they sealed until re-encryption
 */
@ConfigurationProperties("gatehouse.encryption")
public record EncryptionSettings(String key, String keyId, Map<String, String> previousKeys) {

	public EncryptionSettings {
		keyId = keyId == null || keyId.isBlank() ? "k1" : keyId.strip();
		previousKeys = previousKeys == null ? Map.of() : Map.copyOf(previousKeys);
		if (keyId.length() > 32) {
			throw new IllegalArgumentException("gatehouse.encryption.key-id has at most 32 characters");
		}
		if (previousKeys.containsKey(keyId)) {
			throw new IllegalArgumentException("gatehouse.encryption.previous-keys must not contain the current key id " + keyId);
		}
	}

	@Override
	public String toString() {
		return "EncryptionSettings[keyId=" + keyId + ", previous=" + previousKeys.keySet() + "]";
	}

}
