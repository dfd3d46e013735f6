package org.gatehouse.recovery;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Where a recovery ticket stands (S6 in docs/security.md), and which state may follow which. */
public enum TicketState {

	OPEN, AWAITING_EMAIL_PROOF, AWAITING_EVIDENCE, AWAITING_APPROVAL, WAITING_PERIOD, READY, EXECUTED, CANCELLED,
	REJECTED, EXPIRED;

	private static final Map<TicketState, Set<TicketState>> NEXT = new EnumMap<>(TicketState.class);

	static {
		NEXT.put(OPEN, EnumSet.of(AWAITING_EMAIL_PROOF, AWAITING_EVIDENCE, REJECTED, CANCELLED, EXPIRED));
		NEXT.put(AWAITING_EMAIL_PROOF, EnumSet.of(AWAITING_APPROVAL, AWAITING_EVIDENCE, REJECTED, CANCELLED, EXPIRED));
		NEXT.put(AWAITING_EVIDENCE, EnumSet.of(AWAITING_APPROVAL, REJECTED, CANCELLED, EXPIRED));
		NEXT.put(AWAITING_APPROVAL, EnumSet.of(WAITING_PERIOD, READY, REJECTED, CANCELLED, EXPIRED));
		NEXT.put(WAITING_PERIOD, EnumSet.of(READY, REJECTED, CANCELLED));
		NEXT.put(READY, EnumSet.of(EXECUTED, REJECTED, CANCELLED));
		for (TicketState state : values()) {
			NEXT.putIfAbsent(state, EnumSet.noneOf(TicketState.class));
		}
	}

	public boolean canMoveTo(TicketState next) {
		return NEXT.get(this).contains(next);
	}

	/** Closed for good: executed, cancelled, rejected or expired. */
	public boolean terminal() {
		return NEXT.get(this).isEmpty();
	}

}
