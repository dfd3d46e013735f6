package org.gatehouse.role;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.gatehouse.shared.Actor;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.RoleId;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/roles")
class RoleController {

	private final Roles roles;

	RoleController(Roles roles) {
		this.roles = roles;
	}

	record RoleView(UUID id, String name, boolean requireMfa, List<String> permissions, boolean builtIn) {

		static RoleView of(Role role) {
			return new RoleView(role.id().value(), role.name(), role.requireMfa(),
					role.permissions().stream().map(Permission::code).sorted().toList(), role.builtIn());
		}

	}

	record NewRole(@NotBlank @Size(max = 100) String name, List<@NotBlank String> permissions, Boolean requireMfa) {
	}

	record RolePatch(@Size(min = 1, max = 100) String name, List<@NotBlank String> permissions, Boolean requireMfa,
			@Size(max = 500) String reason) {
	}

	record Impact(UUID roleId, boolean requireMfa, long members, long withoutAuthenticator, String consequence) {
	}

	@GetMapping
	List<RoleView> list(Actor actor) {
		return roles.list(actor).stream().map(RoleView::of).toList();
	}

	@GetMapping("/{id}")
	RoleView get(Actor actor, @PathVariable UUID id) {
		return RoleView.of(roles.get(actor, new RoleId(id)));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	RoleView create(Actor actor, @Valid @RequestBody NewRole body) {
		return RoleView.of(roles.create(actor, body.name(), permissions(body.permissions()),
				Boolean.TRUE.equals(body.requireMfa())));
	}

	@PatchMapping("/{id}")
	RoleView update(Actor actor, @PathVariable UUID id, @Valid @RequestBody RolePatch body) {
		Set<Permission> permissions = body.permissions() == null ? null : permissions(body.permissions());
		return RoleView.of(roles.update(actor, new RoleId(id),
				new RoleChange(body.name(), permissions, body.requireMfa(), body.reason())));
	}

	/** The consequence of switching the requirement, before it is saved. */
	@GetMapping("/{id}/mfa-impact")
	Impact impact(Actor actor, @PathVariable UUID id) {
		Role role = roles.get(actor, new RoleId(id));
		RoleMembers.MemberCounts counts = roles.members(actor, role.id());
		return new Impact(role.id().value(), !role.requireMfa(), counts.members(), counts.withoutAuthenticator(),
				RoleImpact.describe(!role.requireMfa(), counts));
	}

	static Set<Permission> permissions(List<String> codes) {
		Set<Permission> result = EnumSet.noneOf(Permission.class);
		for (String code : codes == null ? List.<String>of() : codes) {
			result.add(Permission.fromCode(code)
				.orElseThrow(() -> ProblemException.invalid("Unknown permission: " + code.strip() + ".")));
		}
		return result;
	}

}
