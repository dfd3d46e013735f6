package org.gatehouse.mfa.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SecretBoxTests {

	private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] OLD_KEY = key(1);

	private static final byte[] NEW_KEY = key(2);

	private static final UUID ORGANIZATION = UUID.randomUUID();

	private static final UUID USER = UUID.randomUUID();

	private static final String AAD = SecretBox.associatedData(ORGANIZATION, USER, UUID.randomUUID());

	private final SecretBox box = new SecretBox(Map.of("k1", OLD_KEY), "k1");

	@Test
	void opensWhatItSealed() {
		assertThat(this.box.open(this.box.seal(SECRET, AAD), AAD)).isEqualTo(SECRET);
	}

	@Test
	void sealsAsNonceThenGcmOutputWithItsTag() {
		SecretBox.Sealed sealed = this.box.seal(SECRET, AAD);
		assertThat(sealed.keyId()).isEqualTo("k1");
		assertThat(sealed.ciphertext()).hasSize(12 + SECRET.length + 16);
	}

	@Test
	void usesAFreshNonceEveryTime() {
		byte[] first = this.box.seal(SECRET, AAD).ciphertext();
		byte[] second = this.box.seal(SECRET, AAD).ciphertext();
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void refusesCiphertextCopiedToAnotherAuthenticatorsRow() {
		SecretBox.Sealed sealed = this.box.seal(SECRET, AAD);
		String otherRow = SecretBox.associatedData(ORGANIZATION, USER, UUID.randomUUID());
		assertThatExceptionOfType(SecretBoxException.class).isThrownBy(() -> this.box.open(sealed, otherRow));
	}

	@Test
	void bindsOrganizationUserAndAuthenticator() {
		UUID a = UUID.randomUUID();
		UUID b = UUID.randomUUID();
		UUID c = UUID.randomUUID();
		assertThat(SecretBox.associatedData(a, b, c)).contains(a.toString(), b.toString(), c.toString())
			.isNotEqualTo(SecretBox.associatedData(b, a, c))
			.isNotEqualTo(SecretBox.associatedData(a, c, b));
	}

	@Test
	void refusesTamperedCiphertextAnywhere() {
		byte[] ciphertext = this.box.seal(SECRET, AAD).ciphertext();
		for (int i = 0; i < ciphertext.length; i++) {
			byte[] tampered = ciphertext.clone();
			tampered[i] ^= 0x01;
			SecretBox.Sealed sealed = new SecretBox.Sealed("k1", tampered);
			assertThatExceptionOfType(SecretBoxException.class).isThrownBy(() -> this.box.open(sealed, AAD));
		}
	}

	@Test
	void opensTheNextSecretOnTheSameThreadAfterARefusalAndUnderAnotherKey() {
		SecretBox rotated = new SecretBox(Map.of("k1", OLD_KEY, "k2", NEW_KEY), "k2");
		byte[] first = "first secret".getBytes(StandardCharsets.UTF_8);
		byte[] second = "second secret".getBytes(StandardCharsets.UTF_8);
		SecretBox.Sealed underOld = this.box.seal(first, AAD);
		SecretBox.Sealed underNew = rotated.seal(second, AAD);
		byte[] tampered = underOld.ciphertext().clone();
		tampered[tampered.length - 1] ^= 1;

		assertThatExceptionOfType(SecretBoxException.class)
			.isThrownBy(() -> rotated.open(new SecretBox.Sealed("k1", tampered), AAD));
		assertThat(rotated.open(underNew, AAD)).isEqualTo(second);
		assertThat(rotated.open(underOld, AAD)).isEqualTo(first);
		assertThat(rotated.open(underNew, AAD)).isEqualTo(second);
	}

	@Test
	void refusesTruncatedCiphertext() {
		SecretBox.Sealed sealed = new SecretBox.Sealed("k1", new byte[27]);
		assertThatExceptionOfType(SecretBoxException.class).isThrownBy(() -> this.box.open(sealed, AAD));
	}

	@Test
	void refusesUnknownKeyId() {
		SecretBox.Sealed sealed = new SecretBox(Map.of("k2", NEW_KEY), "k2").seal(SECRET, AAD);
		assertThatExceptionOfType(SecretBoxException.class).isThrownBy(() -> this.box.open(sealed, AAD))
			.withMessageContaining("k2");
	}

	@Test
	void refusesCiphertextSealedUnderAnotherKeyWithTheSameId() {
		SecretBox.Sealed sealed = new SecretBox(Map.of("k1", NEW_KEY), "k1").seal(SECRET, AAD);
		assertThatExceptionOfType(SecretBoxException.class).isThrownBy(() -> this.box.open(sealed, AAD));
	}

	@Test
	void resealsUnderTheCurrentKey() {
		SecretBox.Sealed old = this.box.seal(SECRET, AAD);
		SecretBox rotating = new SecretBox(Map.of("k1", OLD_KEY, "k2", NEW_KEY), "k2");
		SecretBox.Sealed resealed = rotating.reseal(old, AAD);
		assertThat(resealed.keyId()).isEqualTo("k2");
		assertThat(new SecretBox(Map.of("k2", NEW_KEY), "k2").open(resealed, AAD)).isEqualTo(SECRET);
		assertThatExceptionOfType(SecretBoxException.class).isThrownBy(() -> this.box.open(resealed, AAD));
	}

	@Test
	void opensOldCiphertextAfterANewKeyBecomesCurrent() {
		SecretBox.Sealed old = this.box.seal(SECRET, AAD);
		SecretBox rotated = new SecretBox(Map.of("k1", OLD_KEY, "k2", NEW_KEY), "k2");
		assertThat(rotated.open(old, AAD)).isEqualTo(SECRET);
		assertThat(rotated.seal(SECRET, AAD).keyId()).isEqualTo("k2");
	}

	@Test
	void resealRefusesTheWrongRow() {
		SecretBox.Sealed old = this.box.seal(SECRET, AAD);
		String otherRow = SecretBox.associatedData(ORGANIZATION, USER, UUID.randomUUID());
		assertThatExceptionOfType(SecretBoxException.class).isThrownBy(() -> this.box.reseal(old, otherRow));
	}

	@Test
	void refusesKeysThatAreNot32Bytes() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SecretBox(Map.of("k1", new byte[16]), "k1"))
			.withMessageContaining("32 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> new SecretBox(Map.of("k1", new byte[31]), "k1"));
		assertThatIllegalArgumentException().isThrownBy(() -> new SecretBox(Map.of("k1", new byte[33]), "k1"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SecretBox(Map.of("k1", OLD_KEY, "k2", new byte[24]), "k1"));
	}

	@Test
	void refusesACurrentKeyIdOutsideTheRing() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SecretBox(Map.of("k1", OLD_KEY), "k2"));
	}

	@Test
	void parsesABase64Key() {
		assertThat(SecretBox.parseKey(Base64.getEncoder().encodeToString(NEW_KEY))).isEqualTo(NEW_KEY);
		assertThat(SecretBox.parseKey(Base64.getEncoder().encodeToString(NEW_KEY) + "\n")).isEqualTo(NEW_KEY);
	}

	@Test
	void refusesToParseKeysThatAreNot32Bytes() {
		String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
		assertThatIllegalArgumentException().isThrownBy(() -> SecretBox.parseKey(shortKey))
			.withMessageContaining("exactly 32 bytes")
			.withMessageContaining("16");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SecretBox.parseKey(Base64.getEncoder().encodeToString(new byte[48])));
		assertThatIllegalArgumentException().isThrownBy(() -> SecretBox.parseKey(""));
		assertThatIllegalArgumentException().isThrownBy(() -> SecretBox.parseKey(null));
	}

	@Test
	void refusesToParseTextThatIsNotBase64WithoutRepeatingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> SecretBox.parseKey("not*base64*secret"))
			.withMessageContaining("base64")
			.withMessageNotContaining("not*base64*secret");
	}

	@Test
	void leavesBytesOutOfSealedToString() {
		SecretBox.Sealed sealed = this.box.seal(SECRET, AAD);
		String base64 = Base64.getEncoder().encodeToString(sealed.ciphertext());
		assertThat(sealed.toString()).contains("k1").doesNotContain(base64.substring(0, 8)).doesNotContain("[B@");
	}

	@Test
	void comparesSealedByValue() {
		SecretBox.Sealed sealed = this.box.seal(SECRET, AAD);
		assertThat(new SecretBox.Sealed(sealed.keyId(), sealed.ciphertext())).isEqualTo(sealed)
			.hasSameHashCodeAs(sealed);
	}

	@Test
	void keepsSealedBytesFromOutsideChanges() {
		SecretBox.Sealed sealed = this.box.seal(SECRET, AAD);
		sealed.ciphertext()[0] ^= 0x01;
		assertThat(this.box.open(sealed, AAD)).isEqualTo(SECRET);
	}

	@Test
	void neverPutsThePlaintextInErrors() {
		SecretBox.Sealed sealed = this.box.seal(SECRET, AAD);
		assertThatExceptionOfType(SecretBoxException.class).isThrownBy(() -> this.box.open(sealed, "wrong"))
			.withMessageNotContaining("1234567890")
			.withMessageNotContaining(AAD);
	}

	private static byte[] key(int fill) {
		byte[] key = new byte[32];
		Arrays.fill(key, (byte) fill);
		return key;
	}

}
