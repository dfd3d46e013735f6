package org.gatehouse.mfa;

import java.util.List;

import org.gatehouse.mfa.internal.AuthenticatorRepository;
import org.gatehouse.mfa.internal.SecretBox;
import org.gatehouse.mfa.internal.StoredAuthenticator;
import org.gatehouse.operations.GatehouseCommand;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code reencrypt-secrets}: seals every TOTP secret that is under an older key again under the
 * current key ({@code GATEHOUSE_ENCRYPTION_KEY} with a new {@code GATEHOUSE_ENCRYPTION_KEY_ID},
 * the old key still listed in {@code gatehouse.encryption.previous-keys.<id>}). Safe to rerun.
 */
@Component
class SecretReencryption implements GatehouseCommand {

	static final int BATCH = 200;

	private final AuthenticatorRepository authenticators;
	private final SecretBox box;
	private final TransactionTemplate tx;

	SecretReencryption(AuthenticatorRepository authenticators, SecretBox box, PlatformTransactionManager transactions) {
		this.authenticators = authenticators;
		this.box = box;
		this.tx = new TransactionTemplate(transactions);
	}

	@Override
	public String name() {
		return "reencrypt-secrets";
	}

	@Override
	public int run(List<String> args) {
		int total = reencryptAll();
		System.out.println("Re-encrypted " + total + " TOTP secrets under key " + box.currentKeyId() + ".");
		return 0;
	}

	/** Returns how many secrets were sealed again. */
	int reencryptAll() {
		int total = 0;
		int done;
		do {
			done = tx.execute(status -> {
				List<StoredAuthenticator> batch = authenticators.sealedUnder(box.currentKeyId(), BATCH);
				for (StoredAuthenticator a : batch) {
					authenticators.replaceSecret(a.organizationId(), a.id(), box.reseal(a.secret(), a.associatedData()));
				}
				return batch.size();
			});
			total += done;
		}
		while (done == BATCH);
		return total;
	}

}
