package org.gatehouse.mfa;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.ProblemException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Self-service over the API: one's own devices (a backup device is just another one) and recovery codes. */
@RestController
@RequestMapping("/api/v1/me")
class MyDevicesController {

	/** At or below this many unused recovery codes, the person is told to make a new set. */
	static final int LOW_RECOVERY_CODES = 3;

	private final Authenticators authenticators;
	private final Enrollment enrollment;
	private final DeviceConfirmations confirmations;
	private final Clock clock;

	MyDevicesController(Authenticators authenticators, Enrollment enrollment, DeviceConfirmations confirmations,
			Clock clock) {
		this.authenticators = authenticators;
		this.enrollment = enrollment;
		this.confirmations = confirmations;
		this.clock = clock;
	}

	record NewAuthenticator(@Size(max = 64) String label, Boolean replace) {
	}

	record Confirmation(@NotBlank @Size(max = 100) String code, @Size(max = 64) String label) {

		@Override
		public String toString() {
			return "Confirmation";
		}

	}

	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	record Confirmed(UUID id, List<String> recoveryCodes) {

		@Override
		public String toString() {
			return "Confirmed[" + id + "]";
		}

	}

	record Codes(List<String> recoveryCodes) {

		@Override
		public String toString() {
			return "Codes";
		}

	}

	record CodesLeft(int left, boolean low) {
	}

	@GetMapping("/authenticators")
	List<AuthenticatorView> list(Actor actor) {
		return authenticators.list(actor.organizationId(), actor.userId());
	}

	/** Starts binding another device (or, with {@code replace}, a device that replaces all others). */
	@PostMapping("/authenticators")
	ResponseEntity<EnrollmentView> add(Actor actor, @Valid @RequestBody NewAuthenticator body) {
		actor.requireRecentSecondFactor(clock.instant());
		EnrollmentStarted started = enrollment.start(actor.organizationId(), actor.userId(), body.label(),
				Boolean.TRUE.equals(body.replace()));
		return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
			.body(EnrollmentView.of(started));
	}

	@PostMapping("/authenticators/{id}/confirm")
	ResponseEntity<Confirmed> confirm(Actor actor, @PathVariable UUID id, @Valid @RequestBody Confirmation body) {
		EnrollmentResult result = enrollment.confirm(actor.organizationId(), actor.userId(), body.code(), body.label());
		if (!result.verdict().accepted()) {
			throw Refusals.of(result.verdict());
		}
		if (!result.authenticatorId().equals(id)) {
			throw ProblemException.notFound();
		}
		confirmations.confirmedOverApi(actor);
		return ResponseEntity.ok().cacheControl(CacheControl.noStore())
			.body(new Confirmed(result.authenticatorId(), result.recoveryCodes()));
	}

	@DeleteMapping("/authenticators/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void remove(Actor actor, @PathVariable UUID id) {
		authenticators.remove(actor, id);
	}

	@GetMapping("/recovery-codes")
	CodesLeft left(Actor actor) {
		int left = authenticators.recoveryCodesLeft(actor.organizationId(), actor.userId());
		return new CodesLeft(left, left <= LOW_RECOVERY_CODES);
	}

	@PostMapping("/recovery-codes")
	ResponseEntity<Codes> regenerate(Actor actor) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore())
			.body(new Codes(authenticators.regenerateRecoveryCodes(actor)));
	}

}
