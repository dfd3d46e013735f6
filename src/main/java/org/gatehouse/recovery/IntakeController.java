package org.gatehouse.recovery;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The public side of recovery: requests, inbound email, the proof link and the cancel link. */
@RestController
@RequestMapping("/api/v1/support")
class IntakeController {

	static final String SECRET_HEADER = "X-Gatehouse-Inbound-Secret";

	private final Intake intake;
	private final EmailProof proof;
	private final Cancellation cancellation;

	IntakeController(Intake intake, EmailProof proof, Cancellation cancellation) {
		this.intake = intake;
		this.proof = proof;
		this.cancellation = cancellation;
	}

	record SupportRequest(@NotBlank @Size(max = 200) String organization, @NotBlank @Size(max = 320) String email,
			@Size(max = 8000) String message) {
	}

	record Accepted(UUID ticketId) {
	}

	record ProofRequest(@NotBlank @Size(max = 100) String token, @Size(max = 1000) String password) {

		@Override
		public String toString() {
			return "ProofRequest";
		}

	}

	record CancelRequest(@NotBlank @Size(max = 100) String token) {

		@Override
		public String toString() {
			return "CancelRequest";
		}

	}

	/** The same answer whether or not the organization or the address exists. */
	@PostMapping("/requests")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Accepted request(@Valid @RequestBody SupportRequest body, HttpServletRequest request) {
		return new Accepted(intake.submit(new Intake.Request(body.organization(), body.email(), body.message()),
				request.getRemoteAddr()));
	}

	/** The mail gateway posts the raw RFC 5322 message with the shared secret in a header. */
	@PostMapping(path = "/inbound-email", consumes = "*/*")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Accepted inbound(@RequestBody(required = false) byte[] message,
			@RequestHeader(name = SECRET_HEADER, required = false) String secret) {
		return new Accepted(intake.receiveEmail(message, secret));
	}

	@PostMapping("/email-proof")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void prove(@Valid @RequestBody ProofRequest body) {
		proof.prove(body.token(), body.password());
	}

	@PostMapping("/cancel")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void cancel(@Valid @RequestBody CancelRequest body) {
		cancellation.cancel(body.token());
	}

}
