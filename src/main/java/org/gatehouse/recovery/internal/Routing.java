package org.gatehouse.recovery.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.gatehouse.links.OneTimeTokens;
import org.gatehouse.organization.Organization;
import org.gatehouse.recovery.Channel;
import org.gatehouse.recovery.SupportEvents;
import org.gatehouse.recovery.TicketState;
import org.gatehouse.recovery.Track;
import org.gatehouse.system.GatehouseSettings;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files a request and, after the public answer, sends it on its way. Filing does the same work for
 * every request (store it, log it, acknowledge it to the contact within the acknowledgement limit),
 * so that neither the answer nor its time tells whether the organization or the address exists.
 * Routing runs after the commit, on a thread of its own ({@link RoutingQueue}): refused with guidance
 * when another administrator can help; on the primary-email track (with a proof link to the address of
 * record) when the contact is the verified primary email, even while unproven tickets are open, since
 * the proof supersedes them; refused when a recovery is already under way (the primary address is
 * told) or for anyone else while the organization has an open ticket; otherwise on the other-email
 * track. An unknown organization leaves the ticket OPEN.
 */
@Service
public class Routing {

	public static final String PROOF = "support-proof";

	private final TicketRepository tickets;
	private final TicketLog log;
	private final RecoveryGuards guards;
	private final OneTimeTokens tokens;
	private final ApplicationEventPublisher events;
	private final GatehouseSettings gatehouse;
	private final SupportSettings settings;
	private final RoutingQueue queue;
	private final IntakeThrottle throttle;
	private final Clock clock;

	Routing(TicketRepository tickets, TicketLog log, RecoveryGuards guards, OneTimeTokens tokens,
			ApplicationEventPublisher events, GatehouseSettings gatehouse, SupportSettings settings, RoutingQueue queue,
			IntakeThrottle throttle, Clock clock) {
		this.throttle = throttle;
		this.tickets = tickets;
		this.log = log;
		this.guards = guards;
		this.tokens = tokens;
		this.events = events;
		this.gatehouse = gatehouse;
		this.settings = settings;
		this.queue = queue;
		this.clock = clock;
	}

	/** A request whose input is already clean; {@code acknowledge} is false past the contact's limit. */
	public record NewRequest(Channel channel, String organization, String contactEmail, String message,
			String authenticationResults, boolean acknowledge) {
	}

	@Transactional
	public UUID file(NewRequest request) {
		Instant now = clock.instant();
		Ticket ticket = Ticket.received(request.channel(), request.organization(), request.contactEmail(),
				request.message(), request.authenticationResults(), now);
		tickets.insert(ticket);
		log.step(ticket, new Ticket.Change(null, TicketState.OPEN, null), TicketLog.By.REQUESTER, Map.of());
		if (request.acknowledge()) {
			events.publishEvent(new SupportEvents.RequestReceived(ticket.id, ticket.contactEmail));
		}
		queue.afterCommit(ticket.id);
		return ticket.id;
	}

	/** Routes the request once, with its row locked: a second call (another node, the job) finds it routed. */
	@Transactional
	void route(UUID id) {
		Ticket ticket = tickets.findForUpdate(id).filter(t -> t.routedAt == null && t.state == TicketState.OPEN)
			.orElse(null);
		if (ticket == null) {
			return;
		}
		Instant now = clock.instant();
		ticket.routed(now);
		Optional<Organization> org = guards.resolve(ticket.organizationTyped);
		if (org.isEmpty()) {
			tickets.update(ticket);
			return;
		}
		route(ticket, org.get(), now);
	}

	private void route(Ticket ticket, Organization org, Instant now) {
		String objection = guards.objection(org, org.chiefOperatorId());
		if (objection != null) {
			log.changed(ticket, ticket.refuse(org.id(), objection, now), TicketLog.By.SYSTEM, Map.of());
			if (mayMail(org)) {
				events.publishEvent(new SupportEvents.RecoveryRefused(org.id(), org.name(), org.primaryEmail(), ticket.id));
			}
			return;
		}
		Optional<UUID> open = tickets.openFor(org.id());
		if (!RecoveryGuards.primaryEmail(org, ticket.contactEmail)) {
			if (open.isPresent()) {
				refuse(ticket, org, "another recovery of this organization is open: ticket " + open.get(), now);
				return;
			}
			log.changed(ticket, ticket.route(org.id(), org.chiefOperatorId(), Track.OTHER_EMAIL, now),
					TicketLog.By.SYSTEM, Map.of());
			return;
		}
		Optional<Ticket> underWay = open.flatMap(tickets::find).filter(t -> !t.supersedable());
		if (underWay.isPresent()) {
			refuse(ticket, org, "a recovery of this organization is already under way: ticket " + underWay.get().id, now);
			if (mayMail(org)) {
				events.publishEvent(new SupportEvents.RecoveryUnderWay(org.id(), org.name(), org.primaryEmail(), ticket.id,
						underWay.get().id));
			}
			return;
		}
		Optional<UUID> linkOut = tickets.awaitingProof(org.id(), ticket.id);
		if (linkOut.isPresent()) {
			// the primary mailbox already holds a live link; one is enough, and no more mail is sent there
			refuse(ticket, org, "the proof link of ticket " + linkOut.get() + " is already at the primary email", now);
			return;
		}
		Ticket.Change change = ticket.route(org.id(), org.chiefOperatorId(), Track.PRIMARY_EMAIL, now);
		ticket.proofSent(now);
		String token = tokens.issue(org.id(), PROOF, ticket.id, settings.proofLifetime());
		events.publishEvent(new SupportEvents.EmailProofRequested(org.id(), org.name(), org.primaryEmail(), ticket.id,
				gatehouse.link("/support/proof", token)));
		log.changed(ticket, change, TicketLog.By.SYSTEM, Map.of());
	}

	/** Within the limit of the address of record's mailbox. */
	private boolean mayMail(Organization org) {
		return throttle.mayMail(org.primaryEmail());
	}

	private void refuse(Ticket ticket, Organization org, String why, Instant now) {
		log.changed(ticket, ticket.refuse(org.id(), why, now), TicketLog.By.SYSTEM, Map.of());
	}

}
