package org.gatehouse.login;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.gatehouse.login.internal.ApiTokens;
import org.gatehouse.login.internal.GatehouseAuthentication;
import org.gatehouse.mfa.EnrollmentView;
import org.gatehouse.organization.Organizations;
import org.gatehouse.role.Role;
import org.gatehouse.role.Roles;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.user.Account;
import org.gatehouse.user.UserKind;
import org.gatehouse.user.Users;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class LoginController {

	private final SignInFlow flow;
	private final SecondStep secondStep;
	private final ApiTokens tokens;
	private final Users users;
	private final Roles roles;
	private final Organizations organizations;

	LoginController(SignInFlow flow, SecondStep secondStep, ApiTokens tokens, Users users, Roles roles,
			Organizations organizations) {
		this.flow = flow;
		this.secondStep = secondStep;
		this.tokens = tokens;
		this.users = users;
		this.roles = roles;
		this.organizations = organizations;
	}

	record LoginRequest(@NotBlank @Size(max = 63) String organization, @NotBlank @Size(max = 320) String email,
			@NotBlank @Size(max = 1000) String password) {

		@Override
		public String toString() {
			return "LoginRequest[" + organization + "]";
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record LoginResponse(Stage next, String loginToken, String accessToken) {

		@Override
		public String toString() {
			return "LoginResponse[" + next + "]";
		}

	}

	record CodeRequest(@NotBlank @Size(max = 100) String loginToken, @NotBlank @Size(max = 100) String code) {

		@Override
		public String toString() {
			return "CodeRequest";
		}

	}

	record EnrollmentRequest(@NotBlank @Size(max = 100) String loginToken) {

		@Override
		public String toString() {
			return "EnrollmentRequest";
		}

	}

	record ConfirmRequest(@NotBlank @Size(max = 100) String loginToken, @NotBlank @Size(max = 100) String code,
			@Size(max = 64) String label) {

		@Override
		public String toString() {
			return "ConfirmRequest";
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Finished(Stage next, String accessToken, List<String> recoveryCodes, Boolean replaceLostDevice) {

		@Override
		public String toString() {
			return "Finished";
		}

	}

	record RoleSummary(UUID id, String name, boolean requireMfa) {
	}

	record Me(UUID id, String email, String name, UserKind kind, String organization, RoleSummary role,
			boolean chiefOperator, int authenticators, int recoveryCodesLeft) {
	}

	@PostMapping("/login")
	ResponseEntity<LoginResponse> login(@Valid @RequestBody LoginRequest body, HttpServletRequest request) {
		SignInFlow.Started started = flow.password(body.organization(), body.email(), body.password(),
				request.getRemoteAddr(), null);
		LoginResponse response = started.stage() == Stage.DONE
				? new LoginResponse(Stage.DONE, null,
						tokens.issue(started.signedIn(), ApiTokens.Kind.ACCESS).token())
				: new LoginResponse(started.stage(),
						tokens.issue(started.signedIn(), ApiTokens.Kind.LOGIN).token(), null);
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(response);
	}

	/** The challenge: a TOTP code from any device, or a recovery code. */
	@PostMapping("/login/mfa")
	ResponseEntity<Finished> challenge(@Valid @RequestBody CodeRequest body) {
		ApiTokens.Found found = loginToken(body.loginToken());
		return secondStep.challenge(found.signedIn(), body.code(), () -> tokens.revoke(found.hash()),
				passed -> finish(found, passed));
	}

	@PostMapping("/login/enrollment")
	ResponseEntity<EnrollmentView> enrollment(@Valid @RequestBody EnrollmentRequest body) {
		ApiTokens.Found found = loginToken(body.loginToken());
		return ResponseEntity.ok().cacheControl(CacheControl.noStore())
			.body(EnrollmentView.of(secondStep.startEnrollment(found.signedIn())));
	}

	@PostMapping("/login/enrollment/confirm")
	ResponseEntity<Finished> confirmEnrollment(@Valid @RequestBody ConfirmRequest body) {
		ApiTokens.Found found = loginToken(body.loginToken());
		SecondStep.Passed passed = secondStep.confirmEnrollment(found.signedIn(), body.code(), body.label(),
				() -> tokens.revoke(found.hash()));
		return finish(found, passed);
	}

	private ResponseEntity<Finished> finish(ApiTokens.Found found, SecondStep.Passed passed) {
		String access = tokens.exchange(found.hash(), passed.signedIn())
			.orElseThrow(() -> new ProblemException(Problem.SIGN_IN_FAILED, "Sign in again."))
			.token();
		List<String> codes = passed.enrollment() == null ? null : passed.enrollment().recoveryCodes();
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Finished(Stage.DONE, access,
				codes == null || codes.isEmpty() ? null : codes, passed.recoveryCodeUsed() ? Boolean.TRUE : null));
	}

	private ApiTokens.Found loginToken(String token) {
		return tokens.find(token, ApiTokens.Kind.LOGIN)
			.orElseThrow(() -> new ProblemException(Problem.SIGN_IN_FAILED, "The sign-in has expired. Sign in again."));
	}

	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(Actor actor) {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof GatehouseAuthentication auth
				&& auth.tokenHash() != null) {
			tokens.revoke(auth.tokenHash());
		}
	}

	@GetMapping("/me")
	Me me(Actor actor) {
		Account account = users.find(actor.organizationId(), actor.userId()).orElseThrow();
		Role role = roles.find(actor.organizationId(), account.roleId()).orElseThrow();
		var org = organizations.find(actor.organizationId()).orElseThrow();
		return new Me(account.id().value(), account.email(), account.name(), account.kind(), org.slug(),
				new RoleSummary(role.id().value(), role.name(), role.requireMfa()),
				account.id().equals(org.chiefOperatorId()), account.authenticators(), account.recoveryCodesLeft());
	}

}
