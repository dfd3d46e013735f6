package org.gatehouse.recovery.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gatehouse.organization.Organizations;
import org.gatehouse.recovery.TicketView;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.UserId;
import org.gatehouse.user.Account;
import org.gatehouse.user.Users;
import org.springframework.stereotype.Component;

/** Builds the agents' views of tickets, with the SLA clock of each open one. */
@Component
public class TicketViews {

	private final TicketRepository tickets;
	private final Organizations organizations;
	private final Users users;
	private final SupportSettings settings;
	private final Clock clock;

	TicketViews(TicketRepository tickets, Organizations organizations, Users users, SupportSettings settings,
			Clock clock) {
		this.tickets = tickets;
		this.organizations = organizations;
		this.users = users;
		this.settings = settings;
		this.clock = clock;
	}

	public TicketView.Summary summary(Ticket t) {
		Instant due = t.state.terminal() ? null : t.createdAt.plus(settings.sla(t.track));
		Instant now = clock.instant();
		boolean breached = due != null && now.isAfter(due);
		String slaClock = due == null ? "" : breached ? "overdue by " + human(Duration.between(due, now))
				: human(Duration.between(now, due)) + " left";
		return new TicketView.Summary(t.id, t.organizationTyped, t.organizationId == null ? null : t.organizationId.value(),
				t.contactEmail, t.channel, t.track, t.state, t.createdAt, due, breached, slaClock, t.waitingUntil, t.reason);
	}

	public TicketView.Details details(Ticket t) {
		List<TicketView.EvidenceEntry> evidence = tickets.evidence(t.id).stream()
			.map(e -> new TicketView.EvidenceEntry(e.item(), e.item().label(), e.item().knowledge(), e.checkedBy(),
					agentName(e.checkedBy()), e.checkedAt(), e.note()))
			.toList();
		List<TicketView.Step> timeline = tickets.timeline(t.id).stream()
			.map(s -> new TicketView.Step(s.seq(), s.from(), s.to(), s.at(), s.actorType(), s.actorId(),
					"SUPPORT_AGENT".equals(s.actorType()) ? agentName(s.actorId()) : null, s.reason()))
			.toList();
		return new TicketView.Details(summary(t), t.message, t.authenticationResults, organization(t), t.proofSentAt,
				t.emailProvenAt, t.passwordProvenAt, t.firstApprovedBy, t.firstApprovedAt, t.approvedBy, t.approvedAt,
				t.executedAt, t.cancelledAt, evidence, timeline);
	}

	private TicketView.Organization organization(Ticket t) {
		if (t.organizationId == null) {
			return null;
		}
		return organizations.find(t.organizationId).map(o -> {
			Account chief = t.chiefOperatorId == null ? null : users.find(o.id(), t.chiefOperatorId).orElse(null);
			return new TicketView.Organization(o.id().value(), o.slug(), o.name(), o.createdAt(), o.primaryEmail(),
					o.primaryEmailVerified(), chief == null ? null : chief.id().value(), chief == null ? null : chief.name(),
					chief == null ? null : chief.email(), chief == null ? 0 : chief.authenticators());
		}).orElse(null);
	}

	String agentName(UUID agent) {
		return agent == null ? null
				: users.find(OrganizationId.PLATFORM, new UserId(agent)).map(Account::name).orElse(agent.toString());
	}

	static String human(Duration d) {
		long minutes = Math.max(0, d.toMinutes());
		return minutes >= 60 * 24 ? (minutes / (60 * 24)) + "d " + (minutes / 60 % 24) + "h"
				: minutes >= 60 ? (minutes / 60) + "h " + (minutes % 60) + "m" : minutes + "m";
	}

}
