package org.gatehouse.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gatehouse.shared.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit-events")
class AuditController {

	private final AuditTrail trail;

	AuditController(AuditTrail trail) {
		this.trail = trail;
	}

	record Page(List<AuditTrail.Event> items) {
	}

	@GetMapping
	Page list(Actor actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) UUID actorId, @RequestParam(required = false) UUID targetId,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(defaultValue = "100") int limit) {
		return new Page(trail.search(actor, new AuditTrail.Filter(action, actorId, targetId, from, to, limit)));
	}

	@GetMapping("/verification")
	AuditTrail.Verification verify(Actor actor) {
		return trail.verify(actor);
	}

}
