package org.gatehouse.organization;

import java.util.UUID;

import org.gatehouse.shared.Actor;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.UserId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The organization's security page in the console. */
@Controller
class SecurityPages {

	private final SecurityOverview overview;
	private final Organizations organizations;

	SecurityPages(SecurityOverview overview, Organizations organizations) {
		this.overview = overview;
		this.organizations = organizations;
	}

	@GetMapping("/security")
	String security(Actor actor, Model model) {
		Organization organization = organizations.find(actor.organizationId()).orElseThrow();
		model.addAttribute("overview", overview.overview(actor));
		model.addAttribute("organization", organization);
		model.addAttribute("isChief", actor.userId().equals(organization.chiefOperatorId()));
		return "security";
	}

	@PostMapping("/security/chief-operator")
	String transfer(Actor actor, @RequestParam UUID userId, RedirectAttributes redirect) {
		try {
			organizations.transferChiefOperator(actor, new UserId(userId));
			redirect.addFlashAttribute("notice", "The chief operator title moved; both of you were emailed.");
		}
		catch (ProblemException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/security";
	}

}
