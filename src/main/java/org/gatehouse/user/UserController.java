package org.gatehouse.user;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.gatehouse.shared.Actor;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.RoleId;
import org.gatehouse.shared.UserId;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class UserController {

	private final Users users;

	UserController(Users users) {
		this.users = users;
	}

	record MfaView(int authenticators, boolean backupDevice, int recoveryCodesLeft, Instant exemptUntil) {
	}

	record UserView(UUID id, String email, String name, UserKind kind, UUID roleId, UserStatus status, MfaView mfa) {

		static UserView of(Account a) {
			return new UserView(a.id().value(), a.email(), a.name(), a.kind(), a.roleId().value(), a.status(),
					new MfaView(a.authenticators(), a.backupDevice(), a.recoveryCodesLeft(), a.mfaExemptUntil()));
		}

	}

	record PageView(List<UserView> items, long total, int page, int size) {
	}

	record NewUser(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 200) String name,
			@NotNull UserKind kind, @NotNull UUID roleId) {
	}

	record RoleAssignment(@NotNull UUID roleId, @Size(max = 500) String reason) {
	}

	record Reason(@NotBlank @Size(max = 500) String reason) {
	}

	record Exemption(@NotNull Instant until, @NotBlank @Size(max = 500) String reason) {
	}

	record Acceptance(@NotBlank @Size(max = 100) String token, @NotBlank @Size(max = 1000) String password) {
	}

	@GetMapping("/users")
	PageView list(Actor actor, @RequestParam(required = false) UserKind kind,
			@RequestParam(required = false) UUID roleId, @RequestParam(required = false) UserStatus status,
			@RequestParam(required = false) String mfa, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		UserPage result = users.list(actor, new UserQuery(kind, roleId == null ? null : new RoleId(roleId), status,
				mfaFilter(mfa), q, page, size));
		return new PageView(result.items().stream().map(UserView::of).toList(), result.total(), result.page(),
				result.size());
	}

	@PostMapping("/users")
	@ResponseStatus(HttpStatus.CREATED)
	UserView invite(Actor actor, @Valid @RequestBody NewUser body) {
		return UserView.of(users.invite(actor, body.email(), body.name(), body.kind(), new RoleId(body.roleId())));
	}

	@GetMapping("/users/{id}")
	UserView get(Actor actor, @PathVariable UUID id) {
		return UserView.of(users.get(actor, new UserId(id)));
	}

	@PostMapping("/users/{id}/disable")
	UserView disable(Actor actor, @PathVariable UUID id, @Valid @RequestBody Reason body) {
		return UserView.of(users.disable(actor, new UserId(id), body.reason()));
	}

	@PostMapping("/users/{id}/enable")
	UserView enable(Actor actor, @PathVariable UUID id) {
		return UserView.of(users.enable(actor, new UserId(id)));
	}

	@PutMapping("/users/{id}/role")
	UserView changeRole(Actor actor, @PathVariable UUID id, @Valid @RequestBody RoleAssignment body) {
		return UserView.of(users.changeRole(actor, new UserId(id), new RoleId(body.roleId()), body.reason()));
	}

	@PostMapping("/users/{id}/mfa/exemption")
	UserView exempt(Actor actor, @PathVariable UUID id, @Valid @RequestBody Exemption body) {
		return UserView.of(users.exemptFromMfa(actor, new UserId(id), body.until(), body.reason()));
	}

	@DeleteMapping("/users/{id}/mfa/exemption")
	UserView endExemption(Actor actor, @PathVariable UUID id) {
		return UserView.of(users.exemptFromMfa(actor, new UserId(id), null, null));
	}

	@PostMapping("/invitations/accept")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void accept(@Valid @RequestBody Acceptance body) {
		users.acceptInvitation(body.token(), body.password());
	}

	static UserQuery.MfaFilter mfaFilter(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return UserQuery.MfaFilter.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.invalid(
					"mfa must be one of none, one, backup, no-backup, recovery-codes-left, recovery-codes-low.");
		}
	}

}
