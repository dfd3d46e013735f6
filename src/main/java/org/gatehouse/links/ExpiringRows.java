package org.gatehouse.links;

/**
 * A table of tokens (or counters) that are of no use once they expire, each row keyed by a unique
 * {@link #key()} and expiring at {@code expires_at}; {@link ExpiredRowSweep} deletes the expired
 * rows. Without it every sign-in would leave two rows behind for good.
 */
public interface ExpiringRows {

	/** The table. */
	String table();

	/** What its rows are, for the log. */
	String name();

	/** The column with each row's unique key. */
	default String key() {
		return "token_hash";
	}

}
