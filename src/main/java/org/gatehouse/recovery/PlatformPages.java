package org.gatehouse.recovery;

import java.util.UUID;

import org.gatehouse.help.HelpVotes;
import org.gatehouse.recovery.internal.Evidence;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.Problem;
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

/**
 * The support console: sign-in for agents, the queue with its SLA clocks, a ticket with its
 * timeline, the evidence form and the approve / reject / cancel / execute buttons, and the agents.
 * Every form posts and redirects back (POST-redirect-GET).
 */
@Controller
class PlatformPages {

	private final SupportDesk desk;
	private final Approvals approvals;
	private final SupportAgents agents;
	private final HelpVotes helpVotes;
	private final ConsoleMessages messages;

	PlatformPages(SupportDesk desk, Approvals approvals, SupportAgents agents, HelpVotes helpVotes,
			ConsoleMessages messages) {
		this.helpVotes = helpVotes;
		this.desk = desk;
		this.approvals = approvals;
		this.agents = agents;
		this.messages = messages;
	}

	/**
	 * Where a ticket's buttons lead, refused or not. A missing permission and an unknown ticket get their error
	 * page (and audit) instead.
	 */
	private static final String TICKET = "redirect:/platform/tickets/{id}";

	record EvidenceForm(EvidenceItem item, String note) {

		EvidenceForm {
			note = note == null ? "" : note;
		}

	}

	record AgentForm(String email, String name, Boolean lead) {

		AgentForm {
			email = email == null ? "" : email;
			name = name == null ? "" : name;
			lead = Boolean.TRUE.equals(lead); // an unticked box sends nothing
		}

	}

	/** Signs agents in through the ordinary sign-in, with the organization fixed to the platform. */
	@GetMapping("/platform/login")
	String login() {
		return "platform-login";
	}

	@GetMapping("/platform")
	String queue(Actor actor, @RequestParam(defaultValue = "open") String show, Model model) {
		model.addAttribute("tickets", desk.queue(actor, show));
		model.addAttribute("show", show);
		model.addAttribute("helpVotes", helpVotes.counts("lost-device"));
		model.addAttribute("lead", actor.holds(Permission.SUPPORT_LEAD));
		return "platform-queue";
	}

	@GetMapping("/platform/tickets/{id}")
	String ticket(Actor actor, @PathVariable UUID id, Model model) {
		model.addAttribute("ticket", desk.get(actor, id));
		model.addAttribute("checklist", desk.checklist(actor));
		model.addAttribute("lead", actor.holds(Permission.SUPPORT_LEAD));
		return "platform-ticket";
	}

	@PostMapping("/platform/tickets/{id}/evidence")
	@ShowsRefusal(value = TICKET, errorPageFor = Problem.NOT_FOUND, errorPageForMissingPermission = true)
	String evidence(Actor actor, @PathVariable UUID id, @ModelAttribute("form") EvidenceForm form,
			RedirectAttributes redirect) {
		desk.recordEvidence(actor, id, form.item(), form.note());
		return done(redirect, "platform.evidence-recorded");
	}

	@PostMapping("/platform/tickets/{id}/approve")
	@ShowsRefusal(value = TICKET, errorPageFor = Problem.NOT_FOUND, errorPageForMissingPermission = true)
	String approve(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
		approvals.approve(actor, id);
		return done(redirect, "platform.approved");
	}

	@PostMapping("/platform/tickets/{id}/reject")
	@ShowsRefusal(value = TICKET, errorPageFor = Problem.NOT_FOUND, errorPageForMissingPermission = true)
	String reject(Actor actor, @PathVariable UUID id, @ModelAttribute("form") ConsoleForms.Reason form,
			RedirectAttributes redirect) {
		desk.reject(actor, id, form.reason());
		return done(redirect, "platform.rejected");
	}

	@PostMapping("/platform/tickets/{id}/cancel")
	@ShowsRefusal(value = TICKET, errorPageFor = Problem.NOT_FOUND, errorPageForMissingPermission = true)
	String cancel(Actor actor, @PathVariable UUID id, @ModelAttribute("form") ConsoleForms.Reason form,
			RedirectAttributes redirect) {
		desk.cancel(actor, id, form.reason());
		return done(redirect, "platform.cancelled");
	}

	@PostMapping("/platform/tickets/{id}/execute")
	@ShowsRefusal(value = TICKET, errorPageFor = Problem.NOT_FOUND, errorPageForMissingPermission = true)
	String execute(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
		desk.execute(actor, id);
		return done(redirect, "platform.reset-ran");
	}

	@GetMapping("/platform/agents")
	String agents(Actor actor, Model model) {
		model.addAttribute("agents", agents.list(actor));
		model.addAttribute("lead", actor.holds(Permission.SUPPORT_LEAD));
		return "platform-agents";
	}

	@PostMapping("/platform/agents")
	@ShowsRefusal(value = "redirect:/platform/agents", errorPageFor = Problem.NOT_FOUND,
			errorPageForMissingPermission = true)
	String createAgent(Actor actor, @ModelAttribute("form") AgentForm form, RedirectAttributes redirect) {
		agents.create(actor, form.email(), form.name(), form.lead());
		redirect.addFlashAttribute("notice", messages.text("platform.agent-invited", form.email().strip()));
		return "redirect:/platform/agents";
	}

	private String done(RedirectAttributes redirect, String notice) {
		redirect.addFlashAttribute("notice", messages.text(notice));
		return TICKET;
	}

}
