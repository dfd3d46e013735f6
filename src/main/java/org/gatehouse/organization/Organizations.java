package org.gatehouse.organization;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.audit.AuditEntry;
import org.gatehouse.audit.AuditLog;
import org.gatehouse.links.OneTimeTokens;
import org.gatehouse.role.Role;
import org.gatehouse.role.Roles;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.Text;
import org.gatehouse.shared.UserId;
import org.gatehouse.system.GatehouseSettings;
import org.gatehouse.user.Account;
import org.gatehouse.user.Users;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sign-up and the primary email. */
@Service
public class Organizations {

	static final String EMAIL_PROOF = "primary-email";
	private static final Duration EMAIL_PROOF_LIFETIME = Duration.ofMinutes(60);
	private static final Pattern SLUG = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$");
	private static final Set<String> RESERVED = Set.of("api", "admin", "support", "platform", "login", "www",
			"gatehouse", "help", "static", "actuator");

	private final OrganizationRepository organizations;
	private final Roles roles;
	private final Users users;
	private final OneTimeTokens tokens;
	private final AuditLog audit;
	private final ApplicationEventPublisher events;
	private final GatehouseSettings settings;
	private final Clock clock;

	Organizations(OrganizationRepository organizations, Roles roles, Users users, OneTimeTokens tokens,
			AuditLog audit, ApplicationEventPublisher events, GatehouseSettings settings, Clock clock) {
		this.organizations = organizations;
		this.roles = roles;
		this.users = users;
		this.tokens = tokens;
		this.audit = audit;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	public record SignUp(String name, String slug, String ownerName, String ownerEmail, String ownerPassword) {

		@Override
		public String toString() {
			return "SignUp[" + slug + "]";
		}

	}

	public record SignedUp(Organization organization, Account chiefOperator) {
	}

	/**
	 * Creates the organization, its built-in roles and the chief operator (Administrator role),
	 * and emails the link that verifies the primary email.
	 */
	@Transactional
	public SignedUp signUp(SignUp request) {
		String name = validName(request.name());
		String slug = validSlug(request.slug());
		if (organizations.slugTaken(slug)) {
			throw new ProblemException(Problem.CONFLICT, "This slug is taken; choose another.");
		}
		OrganizationId id = OrganizationId.random();
		Organization org = new Organization(id, slug, name, "", null, null, clock.instant());
		organizations.insert(org);
		audit.openChain(id);
		Role admin = roles.createBuiltIns(id);
		Account chief = users.createChiefOperator(id, admin.id(), request.ownerName(), request.ownerEmail(),
				request.ownerPassword(), List.of(name, slug));
		organizations.setChiefOperator(id, chief.id(), chief.email(), null);
		String token = tokens.issue(id, EMAIL_PROOF, chief.id().value(), EMAIL_PROOF_LIFETIME);
		audit.record(AuditEntry.byUser(id, chief.id().value(), AuditAction.ORGANIZATION_SIGNED_UP, id.value(),
				Map.of("slug", slug)));
		events.publishEvent(new OrganizationSignedUp(id, name, chief.id(), chief.email(), chief.name(),
				settings.link("/verify-email", token)));
		return new SignedUp(organizations.find(id).orElseThrow(), chief);
	}

	/** Redeems the primary-email link: the primary email is verified. */
	@Transactional
	public Organization verifyPrimaryEmail(String token) {
		OneTimeTokens.Redeemed redeemed = tokens.redeem(token, EMAIL_PROOF);
		Organization org = organizations.find(redeemed.organizationId()).orElseThrow(ProblemException::notFound);
		organizations.markVerified(org.id(), org.primaryEmail(), clock.instant());
		audit.record(new AuditEntry(org.id(), AuditEntry.ActorType.USER, redeemed.subjectId(),
				AuditAction.ORGANIZATION_PRIMARY_EMAIL_VERIFIED, org.id().value(), AuditEntry.Outcome.SUCCESS, Map.of()));
		return organizations.find(org.id()).orElseThrow();
	}

	/**
	 * The chief operator hands the title to another active administrator with a verified email;
	 * the primary email follows the title. The organization's row is locked first, the lock that
	 * demotions and disables take, so the target's role and status are read after any such change
	 * committed at the same moment, not before it.
	 */
	@Transactional
	public Organization transferChiefOperator(Actor actor, UserId next) {
		Organization org = organizations.findForUpdate(actor.organizationId()).orElseThrow(ProblemException::notFound);
		if (!actor.userId().equals(org.chiefOperatorId())) {
			throw new ProblemException(Problem.FORBIDDEN, "Only the chief operator can hand the title on.");
		}
		Account target = users.find(org.id(), next).orElseThrow(ProblemException::notFound);
		actor.requireRecentStrongFactor(clock.instant());
		boolean administrator = roles.find(org.id(), target.roleId()).map(r -> r.grants(Permission.USERS_MANAGE))
			.orElse(false);
		if (target.id().equals(actor.userId()) || !target.canSignIn() || !administrator || !target.emailVerified()) {
			audit.recordRefusal(AuditEntry.byUser(org.id(), actor.userId().value(), AuditAction.ORGANIZATION_CHIEF_OPERATOR_CHANGED,
					next.value(), Map.of("refusal", "not-eligible")));
			throw new ProblemException(Problem.CONFLICT, "The title goes only to another active administrator "
					+ "(a role with users.manage) whose email is verified.");
		}
		organizations.setChiefOperator(org.id(), target.id(), target.email(), clock.instant());
		audit.record(AuditEntry.byUser(org.id(), actor.userId().value(), AuditAction.ORGANIZATION_CHIEF_OPERATOR_CHANGED,
				target.id().value(), Map.of("previous", actor.userId().toString(), "next", target.id().toString())));
		events.publishEvent(new ChiefOperatorChanged(org.id(), actor.userId(), target.id(), target.email()));
		return organizations.find(org.id()).orElseThrow();
	}

	// One statement: read without a transaction, which would only add a BEGIN and a COMMIT.
	public Optional<Organization> find(OrganizationId id) {
		return organizations.find(id);
	}

	// One statement: read without a transaction, which would add a BEGIN and a COMMIT to every sign-in.
	public Optional<Organization> findBySlug(String slug) {
		String value = normalizedSlug(slug);
		if (!SLUG.matcher(value).matches()) { // no organization has it, and the database need not see it
			return Optional.empty();
		}
		return organizations.findBySlug(value);
	}

	static String validSlug(String slug) {
		String value = normalizedSlug(slug);
		if (!SLUG.matcher(value).matches() || value.contains("--") || RESERVED.contains(value)) {
			throw ProblemException.invalid("The slug has 3 to 63 lower-case letters, digits and single hyphens, "
					+ "starts and ends with a letter or digit, and is not a reserved word.");
		}
		return value;
	}

	/** A slug as it is stored: without surrounding blanks, in lower case; empty for none. */
	private static String normalizedSlug(String slug) {
		return slug == null ? "" : slug.strip().toLowerCase(Locale.ROOT);
	}

	static String validName(String name) {
		return Text.clean(name, 200, "The organization name");
	}

}
