package org.gatehouse.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Requests sent at the same instant: each on a thread of its own, all released together by a
 * barrier, so the server sees them in flight at once (as from two nodes behind a load balancer).
 */
public final class Race {

	private Race() {
	}

	/** The answers in the order of the requests. */
	@SafeVarargs
	public static List<Api.Response> of(Supplier<Api.Response>... requests) {
		CyclicBarrier start = new CyclicBarrier(requests.length);
		ExecutorService threads = Executors.newFixedThreadPool(requests.length);
		try {
			List<Future<Api.Response>> answers = new ArrayList<>();
			for (Supplier<Api.Response> request : requests) {
				answers.add(threads.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					return request.get();
				}));
			}
			List<Api.Response> result = new ArrayList<>();
			for (Future<Api.Response> answer : answers) {
				result.add(answer.get(60, TimeUnit.SECONDS));
			}
			return result;
		}
		catch (Exception ex) {
			throw new IllegalStateException("a racing request did not finish", ex);
		}
		finally {
			threads.shutdownNow();
		}
	}

}
