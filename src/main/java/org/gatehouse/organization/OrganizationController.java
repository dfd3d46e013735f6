package org.gatehouse.organization;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organizations")
class OrganizationController {

	private final Organizations organizations;

	OrganizationController(Organizations organizations) {
		this.organizations = organizations;
	}

	record SignUpRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 63) String slug,
			@NotBlank @Size(max = 200) String ownerName, @NotBlank @Size(max = 320) String ownerEmail,
			@NotBlank @Size(max = 1000) String ownerPassword) {

		@Override
		public String toString() {
			return "SignUpRequest[" + slug + "]";
		}

	}

	record SignUpResponse(UUID organizationId, String slug, UUID userId) {
	}

	record TokenRequest(@NotBlank @Size(max = 100) String token) {
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	SignUpResponse signUp(@Valid @RequestBody SignUpRequest body) {
		var result = organizations.signUp(new Organizations.SignUp(body.name(), body.slug(), body.ownerName(),
				body.ownerEmail(), body.ownerPassword()));
		return new SignUpResponse(result.organization().id().value(), result.organization().slug(),
				result.chiefOperator().id().value());
	}

	@PostMapping("/verify-email")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void verifyEmail(@Valid @RequestBody TokenRequest body) {
		organizations.verifyPrimaryEmail(body.token());
	}

}
