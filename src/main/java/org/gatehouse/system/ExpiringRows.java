package org.gatehouse.system;

import java.time.Instant;

/**
 * Rows that are of no use once they expire (tokens past their lifetime), deleted by
 * {@link ExpiredRowSweep}. Without it every sign-in would leave two rows behind for good.
 */
public interface ExpiringRows {

	/** What the rows are, for the log. */
	String name();

	/** Deletes at most {@code limit} rows that expired before {@code now}; returns how many it deleted. */
	int deleteExpired(Instant now, int limit);

}
