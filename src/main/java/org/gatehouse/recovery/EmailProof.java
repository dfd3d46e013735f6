package org.gatehouse.recovery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.links.OneTimeTokens;
import org.gatehouse.organization.Organization;
import org.gatehouse.recovery.internal.RecoveryGuards;
import org.gatehouse.recovery.internal.Routing;
import org.gatehouse.recovery.internal.Ticket;
import org.gatehouse.recovery.internal.TicketLog;
import org.gatehouse.recovery.internal.TicketRepository;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.Tokens;
import org.gatehouse.user.Account;
import org.gatehouse.user.Credentials;
import org.gatehouse.user.Users;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The page behind the proof link of the primary-email track. Redeeming the link proves control of
 * the mailbox of record; the chief operator's password is asked once with it. Right or wrong, the
 * answer is the same (no oracle): a wrong or missing password only moves the ticket to the other
 * track, where an agent checks evidence instead. A proven request takes the place of the
 * organization's unproven ones, which are closed as superseded; if a recovery is already under way,
 * the proven request is refused instead and the primary address is told.
 */
@Service
public class EmailProof {

	private final OneTimeTokens tokens;
	private final TicketRepository tickets;
	private final TicketLog log;
	private final RecoveryGuards guards;
	private final Users users;
	private final PasswordEncoder passwords;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final String decoyHash;

	EmailProof(OneTimeTokens tokens, TicketRepository tickets, TicketLog log, RecoveryGuards guards, Users users,
			PasswordEncoder passwords, ApplicationEventPublisher events, Clock clock) {
		this.tokens = tokens;
		this.tickets = tickets;
		this.log = log;
		this.guards = guards;
		this.users = users;
		this.passwords = passwords;
		this.events = events;
		this.clock = clock;
		this.decoyHash = passwords.encode(Tokens.newToken());
	}

	/** Redeems the link (410 when expired, used or unknown) and checks the password once. */
	@Transactional
	public void prove(String token, String password) {
		OneTimeTokens.Redeemed redeemed = tokens.redeem(token, Routing.PROOF);
		Ticket ticket = tickets.findForUpdate(redeemed.subjectId())
			.filter(t -> redeemed.organizationId().equals(t.organizationId))
			.filter(t -> t.state == TicketState.AWAITING_EMAIL_PROOF)
			.orElseThrow(() -> new ProblemException(Problem.GONE, "This link has expired or was already used."));
		Organization org = guards.organization(ticket.organizationId);
		boolean passwordProven = chiefPasswordMatches(org, ticket, password);
		Instant now = clock.instant();
		List<Ticket> others = lockOthers(ticket);
		Optional<Ticket> underWay = others.stream().filter(t -> !t.supersedable()).findFirst();
		if (underWay.isPresent()) {
			log.changed(ticket, ticket.reject("a recovery of this organization is already under way: ticket "
					+ underWay.get().id, now), TicketLog.By.REQUESTER, Map.of("emailProven", "true"));
			events.publishEvent(new SupportEvents.RecoveryUnderWay(org.id(), org.name(), org.primaryEmail(), ticket.id,
					underWay.get().id));
			return;
		}
		for (Ticket other : others) {
			log.changed(other, other.supersede(ticket.id, now), TicketLog.By.SYSTEM,
					Map.of("supersededBy", ticket.id.toString()));
		}
		log.changed(ticket, ticket.proven(passwordProven, now), TicketLog.By.REQUESTER,
				Map.of("emailProven", "true", "passwordProven", Boolean.toString(passwordProven)));
	}

	/** The organization's other tickets that are not closed, each row locked until the proof commits. */
	private List<Ticket> lockOthers(Ticket ticket) {
		return tickets.notClosed(ticket.organizationId, ticket.id).stream()
			.map(tickets::findForUpdate)
			.flatMap(Optional::stream)
			.filter(t -> !t.state.terminal())
			.toList();
	}

	private boolean chiefPasswordMatches(Organization org, Ticket ticket, String password) {
		Credentials credentials = guards.account(org.id(), ticket.chiefOperatorId)
			.filter(Account::canSignIn)
			.flatMap(chief -> users.credentials(org.id(), chief.email()))
			.orElse(null);
		String hash = credentials == null || credentials.passwordHash() == null ? decoyHash : credentials.passwordHash();
		boolean given = password != null && !password.isEmpty() && password.length() <= 1000;
		boolean matches = passwords.matches(given ? password : Tokens.newToken(), hash);
		return given && matches && hash != decoyHash;
	}

}
