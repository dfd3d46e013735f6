package org.gatehouse.system;

import java.util.concurrent.Semaphore;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Lets at most as many Argon2 computations run at once as there are processors. Each one needs
 * 19 MiB and a core for tens of milliseconds; more at once only adds memory and context switches,
 * so further requests wait their turn (fairly) instead.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;
	private final Semaphore permits;

	BoundedPasswordEncoder(PasswordEncoder delegate, int concurrency) {
		if (concurrency < 1) {
			throw new IllegalArgumentException("password hashing concurrency must be at least 1");
		}
		this.delegate = delegate;
		this.permits = new Semaphore(concurrency, true);
	}

	@Override
	public String encode(CharSequence raw) {
		permits.acquireUninterruptibly();
		try {
			return delegate.encode(raw);
		}
		finally {
			permits.release();
		}
	}

	@Override
	public boolean matches(CharSequence raw, String encoded) {
		permits.acquireUninterruptibly();
		try {
			return delegate.matches(raw, encoded);
		}
		finally {
			permits.release();
		}
	}

	@Override
	public boolean upgradeEncoding(String encoded) {
		return delegate.upgradeEncoding(encoded);
	}

}
