package org.gatehouse.mfa.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gatehouse.system.Times;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Holds every node to the keys the database was first used with. Nodes started without the same
 * {@code GATEHOUSE_ENCRYPTION_KEY} each make their own key file, and a device enrolled on one then
 * fails on the others, counted as wrong codes. So the first use of a key id stores a fingerprint of
 * its key, and a node whose key under that id has another fingerprint refuses to start.
 * <p>
 * The fingerprint is an HMAC-SHA256 under the key itself of a fixed label with the key id: without the
 * key it cannot be computed, and it tells nothing about the key that a 256-bit key could lose to a
 * search, unlike a plain hash of a weak key would.
 */
final class KeyFingerprints {

	private static final String LABEL = "gatehouse encryption key fingerprint v1; key id=";

	private final JdbcClient jdbc;

	private final Clock clock;

	KeyFingerprints(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Stores the fingerprint of every key of the ring not seen before, and checks the others.
	 * @throws IllegalStateException naming the key id whose key differs, and what to do
	 */
	void verify(Map<String, byte[]> ring, String currentKeyId) {
		ring.forEach((id, key) -> verify(id, key, id.equals(currentKeyId)));
	}

	private void verify(String keyId, byte[] key, boolean current) {
		String fingerprint = fingerprint(keyId, key);
		// the primary key decides between nodes that use a new key id at the same moment
		jdbc.sql("INSERT INTO encryption_key (key_id, fingerprint, first_used_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
			.params(keyId, fingerprint, Times.db(clock.instant()))
			.update();
		String stored = jdbc.sql("SELECT fingerprint FROM encryption_key WHERE key_id = ?")
			.param(keyId)
			.query(String.class)
			.single();
		if (!MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
				fingerprint.getBytes(StandardCharsets.US_ASCII))) {
			throw new IllegalStateException(current ? currentKeyDiffers(keyId) : previousKeyDiffers(keyId));
		}
	}

	static String fingerprint(String keyId, byte[] key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			byte[] tag = mac.doFinal((LABEL + keyId).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static String currentKeyDiffers(String keyId) {
		return "The encryption key of this node (GATEHOUSE_ENCRYPTION_KEY, key id '" + keyId
				+ "') is not the key this database has used under that id: its fingerprint differs from the one "
				+ "stored at the key's first use, so TOTP secrets sealed by the other nodes would not open here. "
				+ "Give every node the same GATEHOUSE_ENCRYPTION_KEY and GATEHOUSE_ENCRYPTION_KEY_ID (a node without "
				+ "GATEHOUSE_ENCRYPTION_KEY uses a key file of its own). To change keys, use a new key id and keep the "
				+ "old key as GATEHOUSE_ENCRYPTION_PREVIOUS_KEYS_<OLD ID> until reencrypt-secrets has run.";
	}

	private static String previousKeyDiffers(String keyId) {
		return "The previous encryption key '" + keyId + "' of this node (GATEHOUSE_ENCRYPTION_PREVIOUS_KEYS_"
				+ keyId.toUpperCase(Locale.ROOT) + ") is not the key this database has used under that id: its "
				+ "fingerprint differs from the one stored at the key's first use. Give every node the same previous "
				+ "keys, each under the id it had when it was current.";
	}

}
