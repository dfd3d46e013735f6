package org.gatehouse.login;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.gatehouse.login.internal.ApiTokens;
import org.gatehouse.login.internal.GatehouseAuthentication;
import org.gatehouse.login.internal.Refusals;
import org.gatehouse.mfa.AuthenticatorView;
import org.gatehouse.mfa.Authenticators;
import org.gatehouse.mfa.Enrollment;
import org.gatehouse.mfa.EnrollmentResult;
import org.gatehouse.mfa.EnrollmentStarted;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.ProblemException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Self-service over the API: devices (a backup device is just another one), recovery codes, step-up. */
@RestController
@RequestMapping("/api/v1/me")
class MeController {

	static final int LOW_RECOVERY_CODES = 3;

	private final Authenticators authenticators;
	private final Enrollment enrollment;
	private final StepUp stepUp;
	private final ApiTokens tokens;
	private final Clock clock;

	MeController(Authenticators authenticators, Enrollment enrollment, StepUp stepUp, ApiTokens tokens, Clock clock) {
		this.authenticators = authenticators;
		this.enrollment = enrollment;
		this.stepUp = stepUp;
		this.tokens = tokens;
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

	record StepUpRequest(@Size(max = 100) String code, @Size(max = 1000) String password) {

		@Override
		public String toString() {
			return "StepUpRequest";
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
	ResponseEntity<LoginController.EnrollmentView> add(Actor actor, @Valid @RequestBody NewAuthenticator body) {
		actor.requireRecentSecondFactor(clock.instant());
		EnrollmentStarted started = enrollment.start(actor.organizationId(), actor.userId(), body.label(),
				Boolean.TRUE.equals(body.replace()));
		return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
			.body(LoginController.EnrollmentView.of(started));
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
		Instant now = clock.instant();
		markFactors(signedIn -> signedIn.withConfirmedDevice(now, actor.hasRecentStrongFactor(now)));
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

	@PostMapping("/step-up")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void stepUp(Actor actor, @Valid @RequestBody StepUpRequest body) {
		Instant at = stepUp.verify(actor, body.code(), body.password());
		markFactors(signedIn -> signedIn.withStrongFactor(at));
	}

	private void markFactors(UnaryOperator<SignedIn> change) {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof GatehouseAuthentication auth
				&& auth.tokenHash() != null) {
			tokens.markFactors(auth.tokenHash(), change.apply(auth.signedIn()));
		}
	}

}
