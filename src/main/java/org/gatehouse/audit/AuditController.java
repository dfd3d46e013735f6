package org.gatehouse.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gatehouse.shared.Actor;
import org.gatehouse.shared.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

	/** The same filters, as a file: {@code format=csv} or {@code format=json}. */
	@GetMapping("/export")
	ResponseEntity<String> export(Actor actor, @RequestParam(defaultValue = "json") String format,
			@RequestParam(required = false) String action, @RequestParam(required = false) UUID actorId,
			@RequestParam(required = false) UUID targetId, @RequestParam(required = false) Instant from,
			@RequestParam(required = false) Instant to) {
		List<AuditTrail.Event> events = trail.search(actor, new AuditTrail.Filter(action, actorId, targetId, from, to, 10_000));
		return switch (format) {
			case "csv" -> ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
				.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=audit-events.csv")
				.body(AuditExport.csv(events));
			case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=audit-events.json")
				.body(AuditExport.json(events));
			default -> throw ProblemException.invalid("format must be csv or json.");
		};
	}

	@GetMapping("/verification")
	AuditTrail.Verification verify(Actor actor) {
		return trail.verify(actor);
	}

}
