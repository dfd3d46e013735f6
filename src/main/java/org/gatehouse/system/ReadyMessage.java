package org.gatehouse.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started the service where to open it. */
@Component
class ReadyMessage {

	private static final Logger log = LoggerFactory.getLogger(ReadyMessage.class);

	private final GatehouseSettings settings;

	ReadyMessage(GatehouseSettings settings) {
		this.settings = settings;
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		log.info("Gatehouse is ready: open {}/ in your browser", settings.baseUrl());
	}

}
