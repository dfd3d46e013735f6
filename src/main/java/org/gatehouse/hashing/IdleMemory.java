package org.gatehouse.hashing;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives memory back to the system when the service is not using it: once when it is ready
 * (start-up leaves tens of megabytes of garbage in a heap that grew to hold it), and whenever
 * password hashing has been idle for {@code gatehouse.memory.release-after} (default one minute)
 * after a busy spell: the pooled Argon2 blocks ({@link Argon2Memory}, 19 MiB for a password) are unmapped,
 * and one full collection lets a collector that shrinks its heap to the live data (the shipped
 * Serial GC with a low {@code MaxHeapFreeRatio}, see {@code bin/gatehouse}) return the rest.
 * The full collection is off with {@code gatehouse.memory.collect=false}.
 * <p>
 * Both measured ({@code bench/startup.sh}, {@code bench/run.sh}): without the collection at ready, a fresh
 * service idles at 149-156 MB instead of 146-153 MB (target 150); without the release, a service would keep
 * its pooled blocks (two of 19 MiB on two cores) for good after a busy spell: 208 MB right after the load.
 */
@Component
class IdleMemory {

	private static final Logger log = LoggerFactory.getLogger(IdleMemory.class);

	private final Duration releaseAfter;

	private final boolean collect;

	IdleMemory(@Value("${gatehouse.memory.release-after:60s}") Duration releaseAfter,
			@Value("${gatehouse.memory.collect:true}") boolean collect) {
		this.releaseAfter = releaseAfter;
		this.collect = collect;
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		release();
	}

	@Scheduled(fixedDelayString = "${gatehouse.memory.check-interval:10s}")
	void releaseWhenIdle() {
		if (Argon2Memory.pooledBytes() > 0 && Argon2Memory.idleFor().compareTo(this.releaseAfter) >= 0) {
			release();
		}
	}

	private void release() {
		long released = Argon2Memory.release();
		if (this.collect) {
			System.gc();
		}
		log.debug("Idle: released {} MiB of Argon2 blocks{}", released >> 20, this.collect ? " and collected the heap" : "");
	}

}
