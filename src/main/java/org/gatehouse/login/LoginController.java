package org.gatehouse.login;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.gatehouse.organization.Organizations;
import org.gatehouse.role.Role;
import org.gatehouse.role.Roles;
import org.gatehouse.shared.Actor;
import org.gatehouse.user.Account;
import org.gatehouse.user.UserKind;
import org.gatehouse.user.Users;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

@RestController
@RequestMapping("/api/v1")
class LoginController {

	private final SignInFlow flow;
	private final ApiTokens tokens;
	private final Users users;
	private final Roles roles;
	private final Organizations organizations;

	LoginController(SignInFlow flow, ApiTokens tokens, Users users, Roles roles, Organizations organizations) {
		this.flow = flow;
		this.tokens = tokens;
		this.users = users;
		this.roles = roles;
		this.organizations = organizations;
	}

	record LoginRequest(@NotBlank @Size(max = 63) String organization, @NotBlank @Size(max = 320) String email,
			@NotBlank @Size(max = 1000) String password) {

		@Override
		public String toString() {
			return "LoginRequest[" + organization + "]";
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record LoginResponse(Stage next, String loginToken, String accessToken) {

		@Override
		public String toString() {
			return "LoginResponse[" + next + "]";
		}

	}

	record RoleSummary(UUID id, String name, boolean requireMfa) {
	}

	record Me(UUID id, String email, String name, UserKind kind, String organization, RoleSummary role,
			boolean chiefOperator, int authenticators, int recoveryCodesLeft) {
	}

	@PostMapping("/login")
	ResponseEntity<LoginResponse> login(@Valid @RequestBody LoginRequest body) {
		SignInFlow.Started started = flow.password(body.organization(), body.email(), body.password());
		LoginResponse response = started.stage() == Stage.DONE
				? new LoginResponse(Stage.DONE, null,
						tokens.issue(started.account(), ApiTokens.Kind.ACCESS, null, null).token())
				: new LoginResponse(started.stage(),
						tokens.issue(started.account(), ApiTokens.Kind.LOGIN, null, null).token(), null);
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(response);
	}

	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(Actor actor) {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof GatehouseAuthentication auth
				&& auth.tokenHash() != null) {
			tokens.revoke(auth.tokenHash());
		}
	}

	@GetMapping("/me")
	Me me(Actor actor) {
		Account account = users.find(actor.organizationId(), actor.userId()).orElseThrow();
		Role role = roles.find(actor.organizationId(), account.roleId()).orElseThrow();
		var org = organizations.find(actor.organizationId()).orElseThrow();
		return new Me(account.id().value(), account.email(), account.name(), account.kind(), org.slug(),
				new RoleSummary(role.id().value(), role.name(), role.requireMfa()),
				account.id().equals(org.chiefOperatorId()), account.authenticators(), account.recoveryCodesLeft());
	}

}
