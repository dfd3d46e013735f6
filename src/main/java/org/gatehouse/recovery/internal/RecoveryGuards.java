package org.gatehouse.recovery.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.gatehouse.organization.Organization;
import org.gatehouse.organization.Organizations;
import org.gatehouse.shared.Emails;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.UserId;
import org.gatehouse.user.Account;
import org.gatehouse.user.Users;
import org.springframework.stereotype.Component;

/**
 * What a recovery may rely on about the organization: that it exists (and is not the platform
 * itself), that the chief operator is still the one the ticket names, and that nobody else could
 * help: support resets only when no other active administrator can sign in (otherwise S5 applies).
 */
@Component
public class RecoveryGuards {

	static final String ANOTHER_ADMINISTRATOR = "another active administrator can disable the chief operator's MFA";
	static final String CHIEF_CHANGED = "the organization's chief operator changed";

	private final Organizations organizations;
	private final Users users;

	RecoveryGuards(Organizations organizations, Users users) {
		this.organizations = organizations;
		this.users = users;
	}

	/** The organization a request names, unless it is unknown or the platform. */
	Optional<Organization> resolve(String typed) {
		return organizations.findBySlug(typed).filter(o -> !OrganizationId.PLATFORM.equals(o.id()));
	}

	public Organization organization(OrganizationId id) {
		return organizations.find(id).orElseThrow(ProblemException::notFound);
	}

	/** Why a recovery of the chief operator must not go on, or null when it may. */
	String objection(Organization org, UserId chief) {
		if (!Objects.equals(org.chiefOperatorId(), chief)) {
			return CHIEF_CHANGED;
		}
		return users.activeManagersExcept(org.id(), chief) > 0 ? ANOTHER_ADMINISTRATOR : null;
	}

	/** Whether the contact is the organization's verified primary email (case-insensitive). */
	static boolean primaryEmail(Organization org, String contact) {
		return org.primaryEmailVerified() && Emails.normalize(org.primaryEmail()).equals(Emails.normalize(contact));
	}

	public Optional<Account> account(OrganizationId org, UserId user) {
		return user == null ? Optional.empty() : users.find(org, user);
	}

	/** Who is told of a pending reset: the primary email of record and every administrator, once each. */
	public List<Map.Entry<String, String>> noticeRecipients(Organization org) {
		Map<String, String> administrators = new LinkedHashMap<>();
		for (Account admin : users.holding(org.id(), Permission.USERS_MANAGE)) {
			administrators.putIfAbsent(Emails.normalize(admin.email()), admin.name());
		}
		Map<String, String> recipients = new LinkedHashMap<>();
		String primary = Emails.normalize(org.primaryEmail());
		recipients.put(primary, administrators.getOrDefault(primary, org.name()));
		recipients.putAll(administrators);
		return new ArrayList<>(recipients.entrySet());
	}

}
