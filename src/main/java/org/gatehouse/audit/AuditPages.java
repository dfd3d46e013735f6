package org.gatehouse.audit;

import java.util.UUID;

import org.gatehouse.shared.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit trail in the console, with the chain check. */
@Controller
class AuditPages {

	private final AuditTrail trail;

	AuditPages(AuditTrail trail) {
		this.trail = trail;
	}

	@GetMapping("/audit")
	String audit(Actor actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) UUID actorId, @RequestParam(required = false) UUID targetId, Model model) {
		model.addAttribute("events", trail.search(actor, new AuditTrail.Filter(action, actorId, targetId, null, null, 200)));
		model.addAttribute("verification", trail.verify(actor));
		model.addAttribute("action", action);
		return "audit";
	}

}
