package org.gatehouse.recovery;

import java.util.UUID;

import org.gatehouse.help.HelpVotes;
import org.gatehouse.recovery.internal.Evidence;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.PermissionDenied;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
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

	PlatformPages(SupportDesk desk, Approvals approvals, SupportAgents agents, HelpVotes helpVotes) {
		this.helpVotes = helpVotes;
		this.desk = desk;
		this.approvals = approvals;
		this.agents = agents;
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
	String evidence(Actor actor, @PathVariable UUID id, @RequestParam(required = false) EvidenceItem item,
			@RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
		return act(id, redirect, "Evidence recorded.", () -> desk.recordEvidence(actor, id, item, note));
	}

	@PostMapping("/platform/tickets/{id}/approve")
	String approve(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
		return act(id, redirect, "Approved.", () -> approvals.approve(actor, id));
	}

	@PostMapping("/platform/tickets/{id}/reject")
	String reject(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String reason,
			RedirectAttributes redirect) {
		return act(id, redirect, "Rejected.", () -> desk.reject(actor, id, reason));
	}

	@PostMapping("/platform/tickets/{id}/cancel")
	String cancel(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String reason,
			RedirectAttributes redirect) {
		return act(id, redirect, "Cancelled.", () -> desk.cancel(actor, id, reason));
	}

	@PostMapping("/platform/tickets/{id}/execute")
	String execute(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
		return act(id, redirect, "The reset ran.", () -> desk.execute(actor, id));
	}

	@GetMapping("/platform/agents")
	String agents(Actor actor, Model model) {
		model.addAttribute("agents", agents.list(actor));
		model.addAttribute("lead", actor.holds(Permission.SUPPORT_LEAD));
		return "platform-agents";
	}

	@PostMapping("/platform/agents")
	String createAgent(Actor actor, @RequestParam(defaultValue = "") String email,
			@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "false") boolean lead,
			RedirectAttributes redirect) {
		try {
			agents.create(actor, email, name, lead);
			redirect.addFlashAttribute("notice", "Invitation sent to " + email.strip() + ".");
		}
		catch (ProblemException ex) {
			rethrowIfNotForTheForm(ex);
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/platform/agents";
	}

	private static String act(UUID id, RedirectAttributes redirect, String notice, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", notice);
		}
		catch (ProblemException ex) {
			rethrowIfNotForTheForm(ex);
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/platform/tickets/" + id;
	}

	/** Missing permissions and unknown tickets get their error page (and audit); the rest shows on the form. */
	private static void rethrowIfNotForTheForm(ProblemException ex) {
		if (ex instanceof PermissionDenied || ex.problem() == Problem.NOT_FOUND) {
			throw ex;
		}
	}

}
