package org.gatehouse.hashing;

import org.springframework.security.crypto.password.PasswordEncoder;

/** An Argon2 encoder that computes only in one of the service's {@link Argon2Slots}. */
final class BoundedPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;
	private final Argon2Slots slots;

	BoundedPasswordEncoder(PasswordEncoder delegate, Argon2Slots slots) {
		this.delegate = delegate;
		this.slots = slots;
	}

	@Override
	public String encode(CharSequence raw) {
		return slots.run(() -> delegate.encode(raw));
	}

	@Override
	public boolean matches(CharSequence raw, String encoded) {
		return slots.run(() -> delegate.matches(raw, encoded));
	}

	@Override
	public boolean upgradeEncoding(String encoded) {
		return delegate.upgradeEncoding(encoded);
	}

	@Override
	public String toString() {
		return delegate.toString();
	}

}
