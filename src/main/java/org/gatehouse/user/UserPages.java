package org.gatehouse.user;

import java.util.UUID;

import org.gatehouse.role.Role;
import org.gatehouse.role.Roles;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.RoleId;
import org.gatehouse.shared.UserId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console's user list, invitation form and user page. */
@Controller
class UserPages {

	private final Users users;
	private final Roles roles;
	private final java.time.Clock clock;

	UserPages(Users users, Roles roles, java.time.Clock clock) {
		this.users = users;
		this.roles = roles;
		this.clock = clock;
	}

	record InviteForm(String email, String name, UserKind kind, UUID roleId) {
	}

	@GetMapping("/users")
	String list(Actor actor, @RequestParam(required = false) UserKind kind,
			@RequestParam(required = false) UUID roleId, @RequestParam(required = false) String mfa,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
		UserQuery query = new UserQuery(kind, roleId == null ? null : new RoleId(roleId), null,
				UserController.mfaFilter(mfa), q, page, 50);
		model.addAttribute("page", users.list(actor, query));
		model.addAttribute("roles", roles.list(actor));
		model.addAttribute("kinds", UserKind.values());
		model.addAttribute("q", q);
		model.addAttribute("mfa", mfa);
		return "users";
	}

	@PostMapping("/users")
	String invite(Actor actor, InviteForm form, RedirectAttributes redirect) {
		try {
			Account account = users.invite(actor, form.email(), form.name(), form.kind(),
					form.roleId() == null ? null : new RoleId(form.roleId()));
			redirect.addFlashAttribute("notice", "Invitation sent to " + account.email() + ".");
		}
		catch (ProblemException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/users";
	}

	@GetMapping("/users/{id}")
	String show(Actor actor, @PathVariable UUID id, Model model) {
		Account account = users.get(actor, new UserId(id));
		Role role = roles.find(actor.organizationId(), account.roleId()).orElseThrow();
		model.addAttribute("user", account);
		model.addAttribute("role", role);
		model.addAttribute("administrativeRole", Permission.anyAdministrative(role.permissions()));
		model.addAttribute("roles", roles.list(actor));
		return "user";
	}

	@PostMapping("/users/{id}/disable")
	String disable(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String reason,
			RedirectAttributes redirect) {
		return act(id, redirect, () -> users.disable(actor, new UserId(id), reason), "The user is disabled.");
	}

	@PostMapping("/users/{id}/enable")
	String enable(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
		return act(id, redirect, () -> users.enable(actor, new UserId(id)), "The user is enabled.");
	}

	@PostMapping("/users/{id}/role")
	String changeRole(Actor actor, @PathVariable UUID id, @RequestParam UUID roleId,
			@RequestParam(required = false) String reason, RedirectAttributes redirect) {
		return act(id, redirect, () -> users.changeRole(actor, new UserId(id), new RoleId(roleId), reason),
				"The role is changed; it applies at the user's next request.");
	}

	@PostMapping("/users/{id}/mfa/exemption")
	String exempt(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "1") int days,
			@RequestParam(required = false) String reason, RedirectAttributes redirect) {
		if (days < 1 || days > 7) {
			redirect.addFlashAttribute("error", "An exemption lasts 1 to 7 days.");
			return "redirect:/users/" + id;
		}
		return act(id, redirect, () -> users.exemptFromMfa(actor, new UserId(id),
				clock.instant().plus(java.time.Duration.ofDays(days)), reason),
				"The user may sign in without MFA for " + days + " day(s).");
	}

	static String act(UUID id, RedirectAttributes redirect, Runnable action, String notice) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", notice);
		}
		catch (ProblemException ex) {
			if (ex.problem().status() == 404) {
				throw ex;
			}
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/users/" + id;
	}

}
