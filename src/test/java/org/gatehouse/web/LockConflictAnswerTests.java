package org.gatehouse.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transaction that the database rolled back because it met another one under their locks (a
 * deadlock, a lock wait too long) changed nothing: the caller hears 409 and may send it again. It is
 * not a database outage (503), and never a 500.
 */
class LockConflictAnswerTests {

	@Test
	void aDeadlockThatReachesTheFilterIsAConflictToRetryNotAnOutage() throws Exception {
		MockHttpServletResponse response = filter(new CannotAcquireLockException("deadlock detected"));

		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(response.getHeader("Retry-After")).isEqualTo("1");
		assertThat(response.getContentAsString()).contains("https://gatehouse.dev/problems/conflict")
			.contains("nothing was changed");
	}

	@Test
	void aDatabaseThatDoesNotAnswerIsStillAnOutage() throws Exception {
		MockHttpServletResponse response = filter(new QueryTimeoutException("no answer"));

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentAsString()).contains("https://gatehouse.dev/problems/unavailable");
	}

	@Test
	void aDeadlockInsideAnApiCallIsAConflictProblem() {
		MockHttpServletRequest request = new MockHttpServletRequest("DELETE", "/api/v1/me/authenticators/x");
		MockHttpServletResponse response = new MockHttpServletResponse();

		Object answer = new ProblemResponses().lockConflict(new CannotAcquireLockException("deadlock detected"),
				request, response);

		assertThat(answer).isInstanceOfSatisfying(ResponseEntity.class,
				entity -> assertThat(entity.getStatusCode().value()).isEqualTo(409));
		assertThat(response.getHeader("Retry-After")).isEqualTo("1");
	}

	private static MockHttpServletResponse filter(RuntimeException thrown) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/users/x/mfa/disable");
		MockHttpServletResponse response = new MockHttpServletResponse();
		HttpServlet failing = new HttpServlet() {
			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) {
				throw thrown;
			}
		};
		new DatabaseOutageFilter().doFilter(request, response, new MockFilterChain(failing));
		return response;
	}

}
