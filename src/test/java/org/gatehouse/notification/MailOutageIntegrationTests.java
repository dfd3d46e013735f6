package org.gatehouse.notification;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.gatehouse.audit.AuditAction;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.gatehouse.support.OperatorMetrics;
import org.gatehouse.support.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;

/**
 * A mail outage loses nothing and sends nothing twice: the change commits, its message waits in
 * the outbox, failing deliveries are visible to operators, and the message goes out once when
 * the server returns.
 */
@IntegrationTest
class MailOutageIntegrationTests extends IntegrationTestBase {

	static final String SUBJECT = "MFA was reset on your account";

	@Autowired
	JavaMailSenderImpl sender;

	@AfterEach
	void smtpServerIsBack() {
		TestMailServer.get().start();
	}

	@Test
	void aResetDuringAnOutageCommitsAndItsEmailIsDeliveredOnceWhenTheServerReturns() throws Exception {
		Org org = fixtures.organization();
		Member vendor = fixtures.member(org, "Vendor", "VENDOR");
		TestMailServer.get().stop();

		api.post("/users/" + vendor.id() + "/mfa/disable", json("reason", "during outage"), org.token()).expect(200);
		assertThat(fixtures.audited(org.token(), AuditAction.MFA_RESET.value(), vendor.id())).isNotNull();
		for (int attempt = 1; attempt <= 5; attempt++) {
			int expected = attempt;
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> attempts(vendor.email()) >= expected);
			clock.advance(Duration.ofMinutes(11));
		}
		assertThat(status(vendor.email())).isEqualTo("PENDING");
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gauge("gatehouse_mail_failing") >= 1);
		assertThat(gauge("gatehouse_mail_pending")).isGreaterThanOrEqualTo(gauge("gatehouse_mail_failing"));

		TestMailServer.get().start();
		clock.advance(Duration.ofMinutes(11));
		mailbox.await(vendor.email(), SUBJECT);
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(status(vendor.email())));
		clock.advance(Duration.ofMinutes(30));
		Awaitility.await().pollDelay(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> true);
		assertThat(mailbox.receivedBy(vendor.email()).stream().filter(m -> m.subject().contains(SUBJECT))).hasSize(1);
		assertThat(jdbc.sql("SELECT body FROM mail_outbox WHERE recipient = ? AND subject LIKE ?")
			.params(vendor.email(), "%" + SUBJECT + "%").query(String.class).single()).isEmpty();
	}

	@Test
	void anSmtpOutageLeavesTheServiceHealthy() throws Exception {
		// mail waits in the outbox and the outage shows in gatehouse_mail_failing; a load balancer reading the health
		// endpoint must not take every node out of service because the mail server is away
		TestMailServer.get().stop();
		HttpResponse<String> answer = api.fetch("/actuator/health", "application/json");
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void everyWaitOnTheSmtpServerIsBounded() {
		// a server that accepts and then goes silent would otherwise hold the dispatcher's thread, which the
		// scheduled support resets share, for ever
		java.util.Properties mail = sender.getSession().getProperties();
		for (String wait : new String[] { "mail.smtp.connectiontimeout", "mail.smtp.timeout", "mail.smtp.writetimeout" }) {
			assertThat(mail.getProperty(wait)).as(wait).isNotNull();
			assertThat(Integer.parseInt(mail.getProperty(wait))).as(wait).isBetween(1, 60_000);
		}
	}

	int attempts(String to) {
		return jdbc.sql("SELECT attempts FROM mail_outbox WHERE recipient = ? AND subject LIKE ?")
			.params(to, "%" + SUBJECT + "%").query(Integer.class).single();
	}

	String status(String to) {
		return jdbc.sql("SELECT status FROM mail_outbox WHERE recipient = ? AND subject LIKE ?")
			.params(to, "%" + SUBJECT + "%").query(String.class).single();
	}

	double gauge(String name) throws Exception {
		String body = OperatorMetrics.scrape(api);
		return body.lines()
			.filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
			.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst().orElse(0);
	}

}
