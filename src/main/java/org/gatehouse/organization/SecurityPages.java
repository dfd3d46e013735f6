package org.gatehouse.organization;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.gatehouse.shared.Actor;
import org.gatehouse.shared.UserId;
import org.gatehouse.web.ConsoleMessages;
import org.gatehouse.web.ShowsRefusal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The organization's security page in the console. */
@Controller
class SecurityPages {

	private final SecurityOverview overview;
	private final Organizations organizations;
	private final ConsoleMessages messages;

	SecurityPages(SecurityOverview overview, Organizations organizations, ConsoleMessages messages) {
		this.overview = overview;
		this.organizations = organizations;
		this.messages = messages;
	}

	/** The administrator who is to be the next chief operator. */
	record TransferForm(@NotNull(message = "{security.successor-required}") UUID userId) {
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
	@ShowsRefusal("redirect:/security")
	String transfer(Actor actor, @Valid @ModelAttribute("form") TransferForm form, RedirectAttributes redirect) {
		organizations.transferChiefOperator(actor, new UserId(form.userId()));
		redirect.addFlashAttribute("notice", messages.text("security.chief-operator-moved"));
		return "redirect:/security";
	}

}
