package org.gatehouse.hashing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.MeterRegistry;
import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.gatehouse.support.Api.json;

/**
 * A hash may wait for its turn behind a queue of sign-ins ({@link Argon2Slots}): about a second at
 * concurrency 64. Work that waits while it holds a pooled database connection takes that connection
 * from everyone else for the wait, and a dozen such waits at once would leave the service none. So a
 * password set through an invitation, and the recovery codes of a first device or of a new set, are
 * hashed before their transaction opens: while they wait, no connection is out of the pool.
 */
@IntegrationTest
class HashingWithoutAConnectionIntegrationTests extends IntegrationTestBase {

	@Autowired
	Argon2Slots slots;

	@Autowired
	DataSource dataSource;

	@Autowired
	MeterRegistry meters;

	@Test
	void anAcceptedInvitationWaitsForItsHashWithoutAConnection() throws Exception {
		Org org = fixtures.organization();
		String email = "waiting-" + UUID.randomUUID() + "@example.com";
		fixtures.invite(org.token(), email, "Wanda Waiting", "EMPLOYEE", fixtures.roleId(org, "Vendor")).expect(201);
		String token = fixtures.mailbox().await(email, Fixtures.INVITATION_SUBJECT).token();

		whileEverySlotIsTaken(() -> api.post("/invitations/accept", json("token", token, "password", Fixtures.PASSWORD)))
			.expect(204);

		assertThat(fixtures.password(org.slug(), email, Fixtures.PASSWORD).expect(200).text("next")).isEqualTo("DONE");
	}

	@Test
	void aDeadOrUsedInvitationLinkIsRefusedWithoutAHash() {
		Org org = fixtures.organization();
		String email = "once-" + UUID.randomUUID() + "@example.com";
		fixtures.invite(org.token(), email, "Otto Once", "EMPLOYEE", fixtures.roleId(org, "Vendor")).expect(201);
		String token = fixtures.mailbox().await(email, Fixtures.INVITATION_SUBJECT).token();
		api.post("/invitations/accept", json("token", token, "password", Fixtures.PASSWORD)).expect(204);
		long hashes = meters.timer("gatehouse.password.hash").count();

		api.post("/invitations/accept", json("token", token, "password", Fixtures.PASSWORD))
			.expectProblem(410, "gone");
		api.post("/invitations/accept", json("token", "no-such-link-" + UUID.randomUUID(), "password",
				Fixtures.PASSWORD)).expectProblem(410, "gone");

		assertThat(meters.timer("gatehouse.password.hash").count()).isEqualTo(hashes);
	}

	@Test
	void aFirstDeviceWaitsForTheHashesOfItsRecoveryCodesWithoutAConnection() throws Exception {
		Org org = fixtures.organization();
		UUID strict = fixtures.createRole(org, "Strict " + UUID.randomUUID(), true);
		Fixtures.Member member = fixtures.member(org, strict, "EMPLOYEE", "Ezra Enrolling");
		Api.Response password = fixtures.password(org.slug(), member.email(), member.password()).expect(200);
		assertThat(password.text("next")).isEqualTo("MFA_ENROLLMENT");
		String loginToken = password.text("loginToken");
		String secret = api.post("/login/enrollment", json("loginToken", loginToken)).expect(200).text("secret");
		String code = fixtures.totp(secret);

		Api.Response done = whileEverySlotIsTaken(() -> api.post("/login/enrollment/confirm",
				json("loginToken", loginToken, "code", code, "label", "Phone")));

		List<String> codes = new ArrayList<>();
		done.expect(200).json().path("recoveryCodes").forEach(c -> codes.add(c.asString()));
		assertThat(codes).hasSize(10).doesNotHaveDuplicates();
		assertThat(api.get("/me", done.text("accessToken")).expect(200).text("recoveryCodesLeft")).isEqualTo("10");
	}

	@Test
	void aNewSetOfRecoveryCodesWaitsForItsHashesWithoutAConnection() throws Exception {
		Org org = fixtures.organization();
		String access = fixtures.signInAgain(org);

		Api.Response fresh = whileEverySlotIsTaken(() -> api.post("/me/recovery-codes", json(), access));

		assertThat(fresh.expect(200).json().path("recoveryCodes").size()).isEqualTo(10);
		assertThat(api.get("/me", access).expect(200).text("recoveryCodesLeft")).isEqualTo("10");
	}

	/**
	 * Takes every slot, sends the request, and waits until it queues for a slot and no connection is
	 * out of the pool while it does; then frees the slots and returns the answer.
	 */
	private Api.Response whileEverySlotIsTaken(Supplier<Api.Response> request) throws Exception {
		HikariPoolMXBean pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
		int processors = Runtime.getRuntime().availableProcessors();
		CountDownLatch taken = new CountDownLatch(processors);
		CountDownLatch free = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(processors + 1);
		try {
			for (int i = 0; i < processors; i++) {
				threads.submit(() -> slots.run(() -> {
					taken.countDown();
					try {
						return free.await(30, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return false;
					}
				}));
			}
			assertThat(taken.await(10, TimeUnit.SECONDS)).as("every slot taken").isTrue();
			Future<Api.Response> answer = threads.submit(request::get);
			await().atMost(10, TimeUnit.SECONDS).until(() -> slots.waiting() == 1);
			await().atMost(3, TimeUnit.SECONDS).until(() -> pool.getActiveConnections() == 0);
			assertThat(slots.waiting()).as("the request still waits for a slot").isEqualTo(1);
			assertThat(answer).isNotDone();
			free.countDown();
			return answer.get(30, TimeUnit.SECONDS);
		}
		finally {
			free.countDown();
			threads.shutdownNow();
		}
	}

}
