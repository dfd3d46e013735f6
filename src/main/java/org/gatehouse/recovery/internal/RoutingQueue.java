package org.gatehouse.recovery.internal;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Routes filed requests one at a time on a thread of its own, once their intake committed, so the
 * public answer never waits for the lookups and mail that differ between requests. A request that a
 * stopping node never routed is picked up by the support job ({@link DueResets}).
 */
@Component
class RoutingQueue implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(RoutingQueue.class);

	private final ObjectProvider<Routing> routing;
	private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
		Thread thread = new Thread(task, "support-routing");
		thread.setDaemon(true);
		return thread;
	});

	RoutingQueue(ObjectProvider<Routing> routing) {
		this.routing = routing;
	}

	/** Routes the ticket once the current transaction committed (and never when it rolled back). */
	void afterCommit(UUID ticket) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				try {
					executor.execute(() -> route(ticket));
				}
				catch (RejectedExecutionException stopping) {
					// the node is stopping: the support job routes the ticket
				}
			}

		});
	}

	void route(UUID ticket) {
		try {
			routing.getObject().route(ticket);
		}
		catch (DuplicateKeyException raced) {
			// two requests of one organization took its open slot at once: the second run sees the winner's
			retry(ticket);
		}
		catch (RuntimeException ex) {
			logger.warn("support ticket {} not routed this time: {}", ticket, ex.getClass().getSimpleName());
		}
	}

	private void retry(UUID ticket) {
		try {
			routing.getObject().route(ticket);
		}
		catch (RuntimeException ex) {
			logger.warn("support ticket {} not routed this time: {}", ticket, ex.getClass().getSimpleName());
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		executor.shutdown();
		executor.awaitTermination(5, TimeUnit.SECONDS);
	}

}
