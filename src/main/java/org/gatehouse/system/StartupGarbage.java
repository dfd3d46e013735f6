package org.gatehouse.system;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Start-up leaves tens of megabytes of garbage (bean definitions, parsed configuration, class
 * scanning) in a heap that grew to hold it. One full collection once the service is ready lets a
 * collector that shrinks its heap to the live data (the shipped Serial GC with a low
 * {@code MaxHeapFreeRatio}, see {@code bin/gatehouse}) hand that memory back to the system, so an
 * idle node stays small. Off with {@code gatehouse.collect-startup-garbage=false}.
 */
@Component
class StartupGarbage {

	private final boolean enabled;

	StartupGarbage(@org.springframework.beans.factory.annotation.Value("${gatehouse.collect-startup-garbage:true}") boolean enabled) {
		this.enabled = enabled;
	}

	@EventListener(ApplicationReadyEvent.class)
	void collect() {
		if (this.enabled) {
			System.gc();
		}
	}

}
