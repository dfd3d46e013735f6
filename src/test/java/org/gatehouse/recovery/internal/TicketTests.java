package org.gatehouse.recovery.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gatehouse.recovery.Channel;
import org.gatehouse.recovery.EvidenceItem;
import org.gatehouse.recovery.TicketState;
import org.gatehouse.recovery.Track;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ticket aggregate guards every transition. */
class TicketTests {

	static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");
	static final Duration WAIT = Duration.ofHours(72);

	final UUID first = UUID.randomUUID();
	final UUID second = UUID.randomUUID();

	Ticket routed(Track track) {
		Ticket ticket = Ticket.received(Channel.FORM, "acme", "a@example.test", "help", null, NOW);
		ticket.route(OrganizationId.random(), UserId.random(), track, NOW);
		return ticket;
	}

	static Evidence evidence(EvidenceItem item, UUID by) {
		return new Evidence(UUID.randomUUID(), item, by, NOW, "checked");
	}

	static void refused(Runnable action, Problem problem) {
		assertThatThrownBy(action::run).isInstanceOf(ProblemException.class)
			.satisfies(ex -> assertThat(((ProblemException) ex).problem()).isEqualTo(problem));
	}

	@Test
	void thePrimaryTrackNeedsTheMailboxAndThePasswordBeforeOneApprovalMakesItReady() {
		Ticket ticket = routed(Track.PRIMARY_EMAIL);
		assertThat(ticket.state).isEqualTo(TicketState.AWAITING_EMAIL_PROOF);
		refused(() -> ticket.approve(first, List.of(), NOW, WAIT), Problem.CONFLICT);
		ticket.proven(true, NOW);
		assertThat(ticket.approve(first, List.of(), NOW, WAIT).to()).isEqualTo(TicketState.READY);
		assertThat(ticket.executed(NOW).to()).isEqualTo(TicketState.EXECUTED);
		refused(() -> ticket.executed(NOW), Problem.CONFLICT);
		assertThat(ticket.openOrganization()).isNull();
	}

	@Test
	void withoutThePasswordTheTicketTakesTheOtherTrack() {
		Ticket ticket = routed(Track.PRIMARY_EMAIL);
		ticket.proven(false, NOW);
		assertThat(ticket.state).isEqualTo(TicketState.AWAITING_EVIDENCE);
		assertThat(ticket.track).isEqualTo(Track.OTHER_EMAIL);
		refused(() -> ticket.proven(true, NOW), Problem.CONFLICT);
	}

	@Test
	void theOtherTrackNeedsSufficientEvidenceAndASecondAgentWhoDidNotCheckIt() {
		Ticket ticket = routed(Track.OTHER_EMAIL);
		List<Evidence> knowledge = List.of(evidence(EvidenceItem.BIRTH_DATE, first),
				evidence(EvidenceItem.CARD_LAST_DIGITS, first), evidence(EvidenceItem.BILLING_ADDRESS, first));
		refused(() -> ticket.approve(first, knowledge, NOW, WAIT), Problem.CONFLICT);
		refused(() -> ticket.approve(first, List.of(evidence(EvidenceItem.PHOTO_ID_MATCHES_NAME, first)), NOW, WAIT),
				Problem.CONFLICT);
		List<Evidence> enough = List.of(evidence(EvidenceItem.BIRTH_DATE, first),
				evidence(EvidenceItem.CALLBACK_TO_PHONE_ON_FILE, second));
		ticket.approve(first, enough, NOW, WAIT);
		assertThat(ticket.awaitsSecondApproval()).isTrue();
		refused(() -> ticket.approve(first, enough, NOW, WAIT), Problem.FORBIDDEN);
		refused(() -> ticket.approve(second, enough, NOW, WAIT), Problem.FORBIDDEN);
		UUID lead = UUID.randomUUID();
		assertThat(ticket.approve(lead, enough, NOW, WAIT).to()).isEqualTo(TicketState.WAITING_PERIOD);
		assertThat(ticket.waitingUntil).isEqualTo(NOW.plus(WAIT));
	}

	@Test
	void theWaitingPeriodMustEndBeforeTheTicketIsReadyAndACancellationEndsIt() {
		Ticket ticket = routed(Track.OTHER_EMAIL);
		ticket.state = TicketState.WAITING_PERIOD;
		ticket.waitingUntil = NOW.plus(WAIT);
		assertThat(ticket.due(NOW.plus(WAIT).minusSeconds(1))).isFalse();
		refused(() -> ticket.ready(NOW), Problem.CONFLICT);
		assertThat(ticket.due(NOW.plus(WAIT))).isTrue();
		ticket.cancel("not us", NOW);
		assertThat(ticket.due(NOW.plus(WAIT))).isFalse();
		refused(() -> ticket.ready(NOW.plus(WAIT)), Problem.CONFLICT);
		refused(() -> ticket.reject("late", NOW), Problem.CONFLICT);
	}

	@Test
	void closedStatesAreFinal() {
		for (TicketState state : TicketState.values()) {
			assertThat(state.terminal()).isEqualTo(List.of(TicketState.EXECUTED, TicketState.CANCELLED,
					TicketState.REJECTED, TicketState.EXPIRED).contains(state));
		}
		assertThat(TicketState.WAITING_PERIOD.canMoveTo(TicketState.EXECUTED)).isFalse();
		assertThat(TicketState.AWAITING_EVIDENCE.canMoveTo(TicketState.READY)).isFalse();
		assertThat(TicketState.AWAITING_EMAIL_PROOF.canMoveTo(TicketState.READY)).isFalse();
	}

	@Test
	void aTicketAwaitingItsEmailProofHoldsNoOpenSlotUntilTheProof() {
		Ticket ticket = routed(Track.PRIMARY_EMAIL);
		assertThat(ticket.openOrganization()).isNull();
		ticket.proven(true, NOW);
		assertThat(ticket.openOrganization()).isEqualTo(ticket.organizationId);
	}

	@Test
	void onlyTicketsNotYetApprovedOrProvenAreSuperseded() {
		UUID proven = UUID.randomUUID();
		Ticket waitingForEvidence = routed(Track.OTHER_EMAIL);
		assertThat(waitingForEvidence.supersede(proven, NOW).to()).isEqualTo(TicketState.CANCELLED);
		assertThat(waitingForEvidence.reason).contains("superseded").contains(proven.toString());
		assertThat(waitingForEvidence.openOrganization()).isNull();

		Ticket halfApproved = routed(Track.OTHER_EMAIL);
		halfApproved.approve(first, List.of(evidence(EvidenceItem.ORGANIZATION_ID_AND_SIGNUP_DATE, first),
				evidence(EvidenceItem.PHOTO_ID_MATCHES_NAME, first)), NOW, WAIT);
		assertThat(halfApproved.supersedable()).isTrue();
		halfApproved.approve(second, List.of(), NOW, WAIT);
		assertThat(halfApproved.state).isEqualTo(TicketState.WAITING_PERIOD);
		refused(() -> halfApproved.supersede(proven, NOW), Problem.CONFLICT);

		Ticket provenPrimary = routed(Track.PRIMARY_EMAIL);
		provenPrimary.proven(true, NOW);
		refused(() -> provenPrimary.supersede(proven, NOW), Problem.CONFLICT);
	}

}
