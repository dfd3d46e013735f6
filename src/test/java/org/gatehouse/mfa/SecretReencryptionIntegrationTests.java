package org.gatehouse.mfa;

import java.security.SecureRandom;
import java.util.Map;

import org.gatehouse.mfa.internal.AuthenticatorRepository;
import org.gatehouse.mfa.internal.Base32Secret;
import org.gatehouse.mfa.internal.SecretBox;
import org.gatehouse.mfa.internal.StoredAuthenticator;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/** Key rotation: the re-encryption command seals every secret under the new key, still bound to its row. */
@IntegrationTest
class SecretReencryptionIntegrationTests extends IntegrationTestBase {

	@Autowired
	AuthenticatorRepository authenticators;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	Environment env;

	@Test
	void reencryptsEverySecretUnderTheNewKeyAndLeavesNoneUnderTheOld() {
		Org org = fixtures.organization();
		byte[] oldKey = SecretBox.parseKey(env.getProperty("gatehouse.encryption.key"));
		byte[] newKey = new byte[32];
		new SecureRandom().nextBytes(newKey);
		SecretBox rotated = new SecretBox(Map.of("k1", oldKey, "k2", newKey), "k2");

		try {
			assertThat(new SecretReencryption(authenticators, rotated, transactions).reencryptAll()).isPositive();
			assertThat(jdbc.sql("SELECT COUNT(*) FROM authenticator WHERE key_id <> 'k2'").query(Long.class).single())
				.isZero();
			StoredAuthenticator device = authenticators.enrolled(org.id(), org.chiefId()).get(0);
			SecretBox newOnly = new SecretBox(Map.of("k2", newKey), "k2");
			byte[] secret = newOnly.open(device.secret(), device.associatedData());
			assertThat(Base32Secret.encode(secret)).isEqualTo(org.totpSecret());
			assertThat(new SecretReencryption(authenticators, rotated, transactions).reencryptAll()).isZero();
		}
		finally {
			SecretBox back = new SecretBox(Map.of("k1", oldKey, "k2", newKey), "k1");
			new SecretReencryption(authenticators, back, transactions).reencryptAll();
		}
	}

}
