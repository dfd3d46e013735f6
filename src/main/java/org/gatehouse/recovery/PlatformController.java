package org.gatehouse.recovery;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.gatehouse.shared.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The support console's API, for agents signed in to the platform organization. */
@RestController
@RequestMapping("/api/v1/platform")
class PlatformController {

	private final SupportDesk desk;
	private final Approvals approvals;
	private final SupportAgents agents;

	PlatformController(SupportDesk desk, Approvals approvals, SupportAgents agents) {
		this.desk = desk;
		this.approvals = approvals;
		this.agents = agents;
	}

	record Queue(List<TicketView.Summary> items) {
	}

	record EvidenceRequest(@NotNull EvidenceItem item, @NotBlank @Size(max = 1000) String note) {
	}

	record Reason(@NotBlank @Size(max = 500) String reason) {
	}

	record NewAgent(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 200) String name, Boolean lead) {
	}

	record Checklist(EvidenceItem item, String label, boolean knowledge) {
	}

	@GetMapping("/tickets")
	Queue queue(Actor actor, @RequestParam(defaultValue = "open") String state) {
		return new Queue(desk.queue(actor, state));
	}

	@GetMapping("/tickets/{id}")
	TicketView.Details ticket(Actor actor, @PathVariable UUID id) {
		return desk.get(actor, id);
	}

	@PostMapping("/tickets/{id}/evidence")
	@ResponseStatus(HttpStatus.CREATED)
	TicketView.Details evidence(Actor actor, @PathVariable UUID id, @Valid @RequestBody EvidenceRequest body) {
		return desk.recordEvidence(actor, id, body.item(), body.note());
	}

	@PostMapping("/tickets/{id}/approve")
	TicketView.Details approve(Actor actor, @PathVariable UUID id) {
		return approvals.approve(actor, id);
	}

	@PostMapping("/tickets/{id}/reject")
	TicketView.Details reject(Actor actor, @PathVariable UUID id, @Valid @RequestBody Reason body) {
		return desk.reject(actor, id, body.reason());
	}

	@PostMapping("/tickets/{id}/cancel")
	TicketView.Details cancel(Actor actor, @PathVariable UUID id, @Valid @RequestBody Reason body) {
		return desk.cancel(actor, id, body.reason());
	}

	@PostMapping("/tickets/{id}/execute")
	TicketView.Details execute(Actor actor, @PathVariable UUID id) {
		return desk.execute(actor, id);
	}

	@GetMapping("/evidence-items")
	List<Checklist> checklist(Actor actor) {
		return desk.checklist(actor).stream().map(i -> new Checklist(i, i.label(), i.knowledge())).toList();
	}

	@GetMapping("/agents")
	List<SupportAgents.Agent> agents(Actor actor) {
		return agents.list(actor);
	}

	@PostMapping("/agents")
	@ResponseStatus(HttpStatus.CREATED)
	SupportAgents.Agent createAgent(Actor actor, @Valid @RequestBody NewAgent body) {
		boolean lead = Boolean.TRUE.equals(body.lead());
		var account = agents.create(actor, body.email(), body.name(), lead);
		return new SupportAgents.Agent(account.id().value(), account.name(), account.email(), lead, 0);
	}

}
