package org.gatehouse.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application's clock in integration tests. It follows real time from the moment it was made
 * and can be moved forward by tests (never back), so a wait of 60 seconds costs no time at all.
 * Following real time (instead of standing still) keeps anything that measures elapsed time,
 * like the outbox dispatcher, working.
 */
public final class MutableClock extends Clock {

	private final Clock base;
	private final AtomicLong offsetNanos = new AtomicLong();

	public MutableClock() {
		this(Clock.systemUTC());
	}

	MutableClock(Clock base) {
		this.base = base;
	}

	/** Moves time forward by {@code amount}. */
	public void advance(Duration amount) {
		if (amount.isNegative()) {
			throw new IllegalArgumentException("time only moves forward: " + amount);
		}
		offsetNanos.addAndGet(amount.toNanos());
	}

	/** Moves time forward to the start of the next TOTP step (30 s), so a fresh code can be used. */
	public void advanceToNextTotpStep() {
		long second = instant().getEpochSecond();
		long next = (Math.floorDiv(second, 30) + 1) * 30;
		advance(Duration.between(instant(), Instant.ofEpochSecond(next)).plusMillis(1));
	}

	@Override
	public Instant instant() {
		return base.instant().plusNanos(offsetNanos.get());
	}

	@Override
	public long millis() {
		return instant().toEpochMilli();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		MutableClock self = this;
		return new Clock() {

			@Override
			public Instant instant() {
				return self.instant();
			}

			@Override
			public ZoneId getZone() {
				return zone;
			}

			@Override
			public Clock withZone(ZoneId other) {
				return self.withZone(other);
			}

		};
	}

	@Override
	public String toString() {
		return "MutableClock[" + instant() + "]";
	}

}
