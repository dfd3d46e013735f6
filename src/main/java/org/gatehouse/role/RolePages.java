package org.gatehouse.role;

import java.util.List;
import java.util.UUID;

import org.gatehouse.shared.Actor;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.RoleId;
import org.gatehouse.web.ConsoleMessages;
import org.gatehouse.web.ShowsRefusal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings › User Roles in the console. */
@Controller
class RolePages {

	private final Roles roles;
	private final ConsoleMessages messages;

	RolePages(Roles roles, ConsoleMessages messages) {
		this.roles = roles;
		this.messages = messages;
	}

	/** A role's name, permission codes and "Require MFA" switch, and why (for a change). */
	record RoleForm(String name, List<String> permissions, Boolean requireMfa, String reason) {

		RoleForm {
			requireMfa = Boolean.TRUE.equals(requireMfa); // an unticked box sends nothing
		}

	}

	@GetMapping("/roles")
	String list(Actor actor, Model model) {
		model.addAttribute("roles", roles.list(actor));
		model.addAttribute("permissions", Permission.organization());
		return "roles";
	}

	@PostMapping("/roles")
	@ShowsRefusal("redirect:/roles")
	String create(Actor actor, @ModelAttribute("form") RoleForm form, RedirectAttributes redirect) {
		Role role = roles.create(actor, form.name(), RoleController.permissions(form.permissions()), form.requireMfa());
		redirect.addFlashAttribute("notice", messages.text("roles.created", role.name()));
		return "redirect:/roles";
	}

	@GetMapping("/roles/{id}")
	String edit(Actor actor, @PathVariable UUID id, Model model) {
		Role role = roles.get(actor, new RoleId(id));
		RoleMembers.MemberCounts counts = roles.members(actor, role.id());
		model.addAttribute("role", role);
		model.addAttribute("permissions", Permission.organization());
		model.addAttribute("members", counts.members());
		model.addAttribute("impact", RoleImpact.describe(!role.requireMfa(), counts));
		model.addAttribute("administrative", Permission.anyAdministrative(role.permissions()));
		return "role";
	}

	@PostMapping("/roles/{id}")
	@ShowsRefusal(value = "redirect:/roles/{id}", errorPageFor = Problem.NOT_FOUND)
	String update(Actor actor, @PathVariable UUID id, @ModelAttribute("form") RoleForm form,
			RedirectAttributes redirect) {
		roles.update(actor, new RoleId(id), new RoleChange(form.name(), RoleController.permissions(form.permissions()),
				form.requireMfa(), form.reason()));
		redirect.addFlashAttribute("notice", messages.text("roles.saved"));
		return "redirect:/roles/" + id;
	}

}
