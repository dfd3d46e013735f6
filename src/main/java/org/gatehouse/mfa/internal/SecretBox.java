package org.gatehouse.mfa.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets at rest, bound by associated data to the row they belong to. Keys are
 * held in a ring by id, so old ciphertexts still open after a new key becomes current.
 */
public final class SecretBox {

	public static final int KEY_BYTES = 32;

	public static final int NONCE_BYTES = 12;

	public static final int TAG_BITS = 128;

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * One decrypting cipher per thread, initialised afresh for every secret it opens: looking the
	 * transformation up among the providers cost about as much as the decryption (a TOTP check opens
	 * a secret at every sign-in). Only decryption reuses a cipher; GCM refuses to encrypt twice under
	 * one key and nonce, and sealing is rare.
	 */
	private static final ThreadLocal<Cipher> DECRYPTERS = ThreadLocal.withInitial(() -> {
		try {
			return Cipher.getInstance(TRANSFORMATION);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(TRANSFORMATION + " is not available", ex);
		}
	});

	private final Map<String, SecretKey> keys;

	private final String currentKeyId;

	/**
	 * @throws IllegalArgumentException if a key is not 32 bytes or the current key is not in
	 * the ring
	 */
	public SecretBox(Map<String, byte[]> keyRing, String currentKeyId) {
		Map<String, SecretKey> keys = new LinkedHashMap<>();
		keyRing.forEach((id, key) -> keys.put(id, aesKey(id, key)));
		if (!keys.containsKey(currentKeyId)) {
			throw new IllegalArgumentException("Current key id '" + currentKeyId + "' is not in the key ring");
		}
		this.keys = Map.copyOf(keys);
		this.currentKeyId = currentKeyId;
	}

	public static String associatedData(UUID organizationId, UUID userId, UUID authenticatorId) {
		return "gatehouse-totp-secret/v1;organization=" + Objects.requireNonNull(organizationId) + ";user="
				+ Objects.requireNonNull(userId) + ";authenticator=" + Objects.requireNonNull(authenticatorId);
	}

	/**
	 * @throws IllegalArgumentException unless the text is base64 for exactly 32 bytes; the
	 * message never repeats the text
	 */
	public static byte[] parseKey(String base64) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode((base64 != null) ? base64.strip() : "");
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("AES-256 key is not valid base64");
		}
		requireKeyLength(key.length);
		return key;
	}

	public Sealed seal(byte[] plaintext, String associatedData) {
		byte[] nonce = new byte[NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, this.keys.get(this.currentKeyId), nonce, associatedData);
			byte[] sealed = Arrays.copyOf(nonce, NONCE_BYTES + cipher.getOutputSize(plaintext.length));
			cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
			return new Sealed(this.currentKeyId, sealed);
		}
		catch (GeneralSecurityException ex) {
			throw new SecretBoxException("Secret could not be sealed", ex);
		}
	}

	/**
	 * @throws SecretBoxException if the key id is unknown, or the ciphertext or associated data
	 * is not the one sealed
	 */
	public byte[] open(Sealed sealed, String associatedData) {
		SecretKey key = this.keys.get(sealed.keyId());
		if (key == null) {
			throw new SecretBoxException("Secret was sealed with unknown key id '" + sealed.keyId() + "'");
		}
		byte[] ciphertext = sealed.ciphertext();
		if (ciphertext.length < NONCE_BYTES + TAG_BITS / 8) {
			throw new SecretBoxException("Sealed secret is too short");
		}
		try {
			Cipher cipher = DECRYPTERS.get();
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, NONCE_BYTES));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES);
		}
		catch (AEADBadTagException ex) {
			throw new SecretBoxException("Sealed secret failed authentication (tampered, or not sealed for this row)");
		}
		catch (GeneralSecurityException ex) {
			throw new SecretBoxException("Secret could not be opened", ex);
		}
	}

	public Sealed reseal(Sealed old, String associatedData) {
		byte[] plaintext = open(old, associatedData);
		try {
			return seal(plaintext, associatedData);
		}
		finally {
			Arrays.fill(plaintext, (byte) 0);
		}
	}

	public String currentKeyId() {
		return this.currentKeyId;
	}

	private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String associatedData)
			throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance(TRANSFORMATION);
		cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

	private static SecretKey aesKey(String id, byte[] key) {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("Key ids must not be blank");
		}
		requireKeyLength((key != null) ? key.length : 0);
		return new SecretKeySpec(key, "AES");
	}

	private static void requireKeyLength(int length) {
		if (length != KEY_BYTES) {
			throw new IllegalArgumentException(
					"AES-256 key must be exactly " + KEY_BYTES + " bytes, but it is " + length + " bytes");
		}
	}

	/**
	 * A secret sealed under the key {@code keyId}: the 12-byte nonce followed by the GCM output
	 * with its 128-bit tag.
	 */
	public record Sealed(String keyId, byte[] ciphertext) {

		public Sealed {
			Objects.requireNonNull(keyId, "keyId");
			ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
		}

		@Override
		public byte[] ciphertext() {
			return this.ciphertext.clone();
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Sealed that && this.keyId.equals(that.keyId)
					&& Arrays.equals(this.ciphertext, that.ciphertext);
		}

		@Override
		public int hashCode() {
			return 31 * this.keyId.hashCode() + Arrays.hashCode(this.ciphertext);
		}

		@Override
		public String toString() {
			return "Sealed[keyId=" + this.keyId + ", " + this.ciphertext.length + " bytes]";
		}

	}

}
