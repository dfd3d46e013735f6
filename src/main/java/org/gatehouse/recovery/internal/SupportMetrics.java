package org.gatehouse.recovery.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.gatehouse.recovery.TicketState;
import org.springframework.stereotype.Component;

/**
 * {@code gatehouse.support.tickets{state}}: tickets by state, read from the database (shared by
 * every node) at most every 10 seconds; {@code gatehouse.support.resolution{track,outcome}}: the
 * time from a ticket's arrival to its end.
 */
@Component
class SupportMetrics {

	private static final Duration FRESH = Duration.ofSeconds(10);

	private final TicketRepository tickets;
	private final MeterRegistry meters;
	private final Clock clock;
	private volatile Map<TicketState, Long> counts = Map.of();
	private volatile Instant countedAt = Instant.EPOCH;

	SupportMetrics(TicketRepository tickets, MeterRegistry meters, Clock clock) {
		this.tickets = tickets;
		this.meters = meters;
		this.clock = clock;
		for (TicketState state : TicketState.values()) {
			Gauge.builder("gatehouse.support.tickets", () -> count(state))
				.description("support recovery tickets in this state")
				.tag("state", state.name())
				.register(meters);
		}
	}

	void resolved(Ticket ticket, Instant at) {
		meters.timer("gatehouse.support.resolution", "track", ticket.track == null ? "NONE" : ticket.track.name(),
				"outcome", ticket.state.name())
			.record(Duration.between(ticket.createdAt, at));
	}

	private double count(TicketState state) {
		Instant now = clock.instant();
		if (countedAt.plus(FRESH).isBefore(now) || now.isBefore(countedAt)) {
			try {
				counts = tickets.countByState();
				countedAt = now;
			}
			catch (RuntimeException ex) {
				return Double.NaN;
			}
		}
		return counts.getOrDefault(state, 0L);
	}

}
