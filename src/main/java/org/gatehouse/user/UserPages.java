package org.gatehouse.user;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.gatehouse.role.Role;
import org.gatehouse.role.Roles;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.RoleId;
import org.gatehouse.shared.UserId;
import org.gatehouse.web.ConsoleForms;
import org.gatehouse.web.ConsoleMessages;
import org.gatehouse.web.ShowsRefusal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console's user list, invitation form and user page. */
@Controller
class UserPages {

	private final Users users;
	private final Roles roles;
	private final Clock clock;
	private final ConsoleMessages messages;

	UserPages(Users users, Roles roles, Clock clock, ConsoleMessages messages) {
		this.users = users;
		this.roles = roles;
		this.clock = clock;
		this.messages = messages;
	}

	record InviteForm(String email, String name, UserKind kind, UUID roleId) {
	}

	record RoleForm(@NotNull(message = "{users.role-required}") UUID roleId, String reason) {
	}

	/** An exemption of 1 day unless told otherwise. */
	record ExemptionForm(@Min(value = 1, message = "{users.exemption-days}") @Max(value = 7,
			message = "{users.exemption-days}") Integer days, String reason) {

		ExemptionForm {
			days = days == null ? 1 : days;
		}

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
	@ShowsRefusal("redirect:/users")
	String invite(Actor actor, @ModelAttribute("form") InviteForm form, RedirectAttributes redirect) {
		Account account = users.invite(actor, form.email(), form.name(), form.kind(),
				form.roleId() == null ? null : new RoleId(form.roleId()));
		redirect.addFlashAttribute("notice", messages.text("users.invited", account.email()));
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
	@ShowsRefusal(value = "redirect:/users/{id}", errorPageFor = Problem.NOT_FOUND)
	String disable(Actor actor, @PathVariable UUID id, @ModelAttribute("form") ConsoleForms.Reason form,
			RedirectAttributes redirect) {
		users.disable(actor, new UserId(id), form.reason());
		return done(id, redirect, "users.disabled");
	}

	@PostMapping("/users/{id}/enable")
	@ShowsRefusal(value = "redirect:/users/{id}", errorPageFor = Problem.NOT_FOUND)
	String enable(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
		users.enable(actor, new UserId(id));
		return done(id, redirect, "users.enabled");
	}

	@PostMapping("/users/{id}/role")
	@ShowsRefusal(value = "redirect:/users/{id}", errorPageFor = Problem.NOT_FOUND)
	String changeRole(Actor actor, @PathVariable UUID id, @Valid @ModelAttribute("form") RoleForm form,
			RedirectAttributes redirect) {
		users.changeRole(actor, new UserId(id), new RoleId(form.roleId()), form.reason());
		return done(id, redirect, "users.role-changed");
	}

	@PostMapping("/users/{id}/mfa/exemption")
	@ShowsRefusal(value = "redirect:/users/{id}", errorPageFor = Problem.NOT_FOUND)
	String exempt(Actor actor, @PathVariable UUID id, @Valid @ModelAttribute("form") ExemptionForm form,
			RedirectAttributes redirect) {
		users.exemptFromMfa(actor, new UserId(id), clock.instant().plus(Duration.ofDays(form.days())), form.reason());
		return done(id, redirect, "users.exempted", form.days());
	}

	private String done(UUID id, RedirectAttributes redirect, String notice, Object... args) {
		redirect.addFlashAttribute("notice", messages.text(notice, args));
		return "redirect:/users/" + id;
	}

}
