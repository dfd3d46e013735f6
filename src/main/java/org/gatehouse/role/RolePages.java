package org.gatehouse.role;

import java.util.List;
import java.util.UUID;

import org.gatehouse.shared.Actor;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.RoleId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings › User Roles in the console. */
@Controller
class RolePages {

	private final Roles roles;

	RolePages(Roles roles) {
		this.roles = roles;
	}

	@GetMapping("/roles")
	String list(Actor actor, Model model) {
		model.addAttribute("roles", roles.list(actor));
		model.addAttribute("permissions", Permission.organization());
		return "roles";
	}

	@PostMapping("/roles")
	String create(Actor actor, @RequestParam String name,
			@RequestParam(required = false) List<String> permissions,
			@RequestParam(defaultValue = "false") boolean requireMfa, RedirectAttributes redirect) {
		try {
			Role role = roles.create(actor, name, RoleController.permissions(permissions), requireMfa);
			redirect.addFlashAttribute("notice", "Role " + role.name() + " created.");
		}
		catch (ProblemException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
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
	String update(Actor actor, @PathVariable UUID id, @RequestParam String name,
			@RequestParam(required = false) List<String> permissions,
			@RequestParam(defaultValue = "false") boolean requireMfa, @RequestParam(required = false) String reason,
			RedirectAttributes redirect) {
		try {
			roles.update(actor, new RoleId(id),
					new RoleChange(name, RoleController.permissions(permissions), requireMfa, reason));
			redirect.addFlashAttribute("notice", "Role saved; it applies at each member's next request.");
		}
		catch (ProblemException ex) {
			if (ex.problem().status() == 404) {
				throw ex;
			}
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/roles/" + id;
	}

}
