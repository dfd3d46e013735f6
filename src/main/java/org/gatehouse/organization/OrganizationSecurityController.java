package org.gatehouse.organization;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.gatehouse.shared.Actor;
import org.gatehouse.shared.UserId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organization")
class OrganizationSecurityController {

	private final SecurityOverview overview;
	private final Organizations organizations;

	OrganizationSecurityController(SecurityOverview overview, Organizations organizations) {
		this.overview = overview;
		this.organizations = organizations;
	}

	record Transfer(@NotNull UUID userId) {
	}

	record OrganizationView(UUID id, String slug, String name, String primaryEmail, Instant primaryEmailVerifiedAt,
			UUID chiefOperatorId) {

		static OrganizationView of(Organization o) {
			return new OrganizationView(o.id().value(), o.slug(), o.name(), o.primaryEmail(),
					o.primaryEmailVerifiedAt(), o.chiefOperatorId().value());
		}

	}

	@GetMapping("/security")
	SecurityOverview.Overview security(Actor actor) {
		return overview.overview(actor);
	}

	@PostMapping("/chief-operator")
	OrganizationView transfer(Actor actor, @Valid @RequestBody Transfer body) {
		return OrganizationView.of(organizations.transferChiefOperator(actor, new UserId(body.userId())));
	}

}
