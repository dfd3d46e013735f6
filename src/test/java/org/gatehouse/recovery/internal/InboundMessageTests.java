package org.gatehouse.recovery.internal;

import java.nio.charset.StandardCharsets;

import org.gatehouse.shared.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InboundMessageTests {

	static byte[] raw(String text) {
		return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void theContactIsTheFromAddressNeverReplyTo() {
		InboundMessage message = InboundMessage.parse(raw("""
				From: "Chief" <Chief@Acme.Example>
				Reply-To: attacker@evil.example
				Subject: help
				Content-Type: text/plain; charset=UTF-8

				Organization: acme-corp
				I lost my phone.
				"""));
		assertThat(message.from()).isEqualTo("chief@acme.example");
		assertThat(message.organization()).isEqualTo("acme-corp");
		assertThat(message.text()).contains("I lost my phone.").doesNotContain("attacker");
		assertThat(message.authenticationResults()).isNull();
	}

	@Test
	void keepsAuthenticationResultsAndFindsTheOrganizationInTheSubjectOfAMultipartMessage() {
		InboundMessage message = InboundMessage.parse(raw("""
				Authentication-Results: mx.example; dkim=pass header.d=acme.example
				From: chief@acme.example
				Subject: MFA reset, organization: Acme-Corp
				MIME-Version: 1.0
				Content-Type: multipart/alternative; boundary="b1"

				--b1
				Content-Type: text/html; charset=UTF-8

				<p>html</p>
				--b1
				Content-Type: text/plain; charset=UTF-8

				Plain text \u202E body
				--b1--
				"""));
		assertThat(message.organization()).isEqualTo("acme-corp");
		assertThat(message.authenticationResults()).contains("dkim=pass");
		assertThat(message.text()).contains("Plain text").doesNotContain("\u202E").doesNotContain("<p>");
	}

	@Test
	void refusesMessagesWithoutExactlyOneValidFrom() {
		assertThatThrownBy(() -> InboundMessage.parse(raw("Subject: x\n\nbody\n"))).isInstanceOf(ProblemException.class);
		assertThatThrownBy(() -> InboundMessage.parse(raw("From: a@x.example, b@y.example\n\nbody\n")))
			.isInstanceOf(ProblemException.class);
		assertThatThrownBy(() -> InboundMessage.parse(new byte[0])).isInstanceOf(ProblemException.class);
	}

}
