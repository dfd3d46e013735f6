package org.gatehouse.mfa;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.gatehouse.shared.Actor;
import org.gatehouse.shared.UserId;
import org.gatehouse.user.Users;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An administrator's view of a user's devices, and S1: disable MFA on the user's profile. */
@RestController
@RequestMapping("/api/v1/users/{id}")
class MfaAdminController {

	private final Authenticators authenticators;
	private final Users users;

	MfaAdminController(Authenticators authenticators, Users users) {
		this.authenticators = authenticators;
		this.users = users;
	}

	record Reason(@NotBlank @Size(max = 500) String reason) {
	}

	record Disabled(UUID userId, int authenticators, int recoveryCodesLeft) {
	}

	@GetMapping("/authenticators")
	List<AuthenticatorView> list(Actor actor, @PathVariable UUID id) {
		users.get(actor, new UserId(id));
		return authenticators.list(actor.organizationId(), new UserId(id));
	}

	@PostMapping("/mfa/disable")
	Disabled disable(Actor actor, @PathVariable UUID id, @Valid @RequestBody Reason body) {
		authenticators.disableByAdministrator(actor, new UserId(id), body.reason());
		return new Disabled(id, 0, 0);
	}

}
