package org.gatehouse.login;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.gatehouse.shared.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Step-up over the API: the strongest factor verified again, recorded on the API token. */
@RestController
@RequestMapping("/api/v1/me")
class StepUpController {

	private final StepUp stepUp;
	private final SessionFactors factors;

	StepUpController(StepUp stepUp, SessionFactors factors) {
		this.stepUp = stepUp;
		this.factors = factors;
	}

	record StepUpRequest(@Size(max = 100) String code, @Size(max = 1000) String password) {

		@Override
		public String toString() {
			return "StepUpRequest";
		}

	}

	@PostMapping("/step-up")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void stepUp(Actor actor, @Valid @RequestBody StepUpRequest body) {
		Instant at = stepUp.verify(actor, body.code(), body.password());
		factors.onApiToken(signedIn -> signedIn.withStrongFactor(at));
	}

}
